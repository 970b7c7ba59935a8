package org.giaworkbench.attack.optim;

/** {@link VectorStore} over {@code float[]}: the storage of {@link Lbfgs}. */
final class FloatStore extends VectorStore {

    private final float[][] v;
    private Objective objective;
    private EvaluationListener listener;

    FloatStore(int length, int handles) {
        super(length);
        v = new float[handles][];
    }

    void bind(float[] x, Objective f, EvaluationListener l) {
        v[X] = x;
        objective = f;
        listener = l;
    }

    /** Drops references to the caller's array and objective between steps. */
    void unbind() {
        v[X] = null;
        objective = null;
        listener = null;
    }

    @Override
    void ensure(int h) {
        if (v[h] == null) {
            v[h] = new float[length];
        }
    }

    @Override
    double dot(int a, int b) {
        float[] p = v[a];
        float[] q = v[b];
        // Four independent partial sums: the two-loop recursion makes ~200 of these per iteration, and one
        // serial chain of dependent additions would bound them by the FPU's add latency.
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (int end = length - 3; i < end; i += 4) {
            s0 += (double) p[i] * q[i];
            s1 += (double) p[i + 1] * q[i + 1];
            s2 += (double) p[i + 2] * q[i + 2];
            s3 += (double) p[i + 3] * q[i + 3];
        }
        for (; i < length; i++) {
            s0 += (double) p[i] * q[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    double absMax(int a) {
        double m = 0;
        for (float e : v[a]) {
            if (Float.isNaN(e)) {
                return Double.NaN;
            }
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }

    @Override
    double absSum(int a) {
        double sum = 0;
        for (float e : v[a]) {
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
        float[] p = v[src];
        float[] out = v[dst];
        float sf = (float) s;
        for (int i = 0; i < length; i++) {
            out[i] = p[i] * sf;
        }
    }

    @Override
    void subtract(int a, int b, int dst) {
        float[] p = v[a];
        float[] q = v[b];
        float[] out = v[dst];
        for (int i = 0; i < length; i++) {
            out[i] = p[i] - q[i];
        }
    }

    @Override
    void addScaled(int a, double s, int b, int dst) {
        float[] p = v[a];
        float[] q = v[b];
        float[] out = v[dst];
        // Float arithmetic, as torch's add_ on float tensors, so that the loop vectorises.
        float sf = (float) s;
        for (int i = 0; i < length; i++) {
            out[i] = p[i] + sf * q[i];
        }
    }

    @Override
    double evaluate(int point, int gradOut) {
        return objective.evaluate(v[point], v[gradOut]);
    }

    @Override
    void notifyListener(int evalIndex, double loss, int point) {
        if (listener != null) {
            listener.onEvaluation(evalIndex, loss, v[point]);
        }
    }
}
