package org.giaworkbench.attack.optim;

/** The n-dimensional Rosenbrock function sum 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2, minimum at (1, ..., 1). */
final class Rosenbrock {

    private Rosenbrock() {
    }

    static double evaluate(double[] x, double[] g) {
        java.util.Arrays.fill(g, 0);
        double f = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double u = x[i + 1] - x[i] * x[i];
            double v = 1 - x[i];
            f += 100 * u * u + v * v;
            g[i] += -400 * x[i] * u - 2 * v;
            g[i + 1] += 200 * u;
        }
        return f;
    }

    /** Float version: evaluated in double at the float point, gradient rounded to float. */
    static double evaluate(float[] x, float[] g) {
        double[] xd = new double[x.length];
        double[] gd = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xd[i] = x[i];
        }
        double f = evaluate(xd, gd);
        for (int i = 0; i < x.length; i++) {
            g[i] = (float) gd[i];
        }
        return f;
    }
}
