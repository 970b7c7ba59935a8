package org.giaworkbench.attack.optim;

import java.util.function.ToDoubleBiFunction;

/**
 * {@link VectorStore} over {@code double[]}. Not used in production: it lets tests run the very
 * same L-BFGS code in float64 and compare it with torch's float64 trajectory, where float storage
 * would diverge at rounding level on ill-conditioned problems.
 */
final class DoubleStore extends VectorStore {

    private final double[][] v;
    private ToDoubleBiFunction<double[], double[]> objective;

    DoubleStore(int length, int handles) {
        super(length);
        v = new double[handles][];
    }

    void bind(double[] x, ToDoubleBiFunction<double[], double[]> f) {
        v[X] = x;
        objective = f;
    }

    @Override
    void ensure(int h) {
        if (v[h] == null) {
            v[h] = new double[length];
        }
    }

    @Override
    double dot(int a, int b) {
        double[] p = v[a];
        double[] q = v[b];
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += p[i] * q[i];
        }
        return sum;
    }

    @Override
    double absMax(int a) {
        double m = 0;
        for (double e : v[a]) {
            if (Double.isNaN(e)) {
                return Double.NaN;
            }
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }

    @Override
    double absSum(int a) {
        double sum = 0;
        for (double e : v[a]) {
            sum += Math.abs(e);
        }
        return sum;
    }

    @Override
    void copy(int src, int dst) {
        System.arraycopy(v[src], 0, v[dst], 0, length);
    }

    @Override
    void scale(int src, double s, int dst) {
        double[] p = v[src];
        double[] out = v[dst];
        for (int i = 0; i < length; i++) {
            out[i] = p[i] * s;
        }
    }

    @Override
    void subtract(int a, int b, int dst) {
        double[] p = v[a];
        double[] q = v[b];
        double[] out = v[dst];
        for (int i = 0; i < length; i++) {
            out[i] = p[i] - q[i];
        }
    }

    @Override
    void addScaled(int a, double s, int b, int dst) {
        double[] p = v[a];
        double[] q = v[b];
        double[] out = v[dst];
        for (int i = 0; i < length; i++) {
            out[i] = p[i] + s * q[i];
        }
    }

    @Override
    double evaluate(int point, int gradOut) {
        return objective.applyAsDouble(v[point], v[gradOut]);
    }

    @Override
    void notifyListener(int evalIndex, double loss, int point) {
        // no listener in the reference-precision path
    }
}
