package org.giaworkbench.attack.optim;

/**
 * Adam with the update of {@code torch.optim.Adam} (bias-corrected moments, eps added after the
 * square root, no weight decay, no AMSGrad). The learning rate is passed per step so that a
 * schedule such as {@link MultiStepLr} can drive it.
 */
public final class Adam {

    private final double beta1;
    private final double beta2;
    private final double eps;

    private float[] m;
    private float[] v;
    private int t;

    /** torch's defaults: betas (0.9, 0.999), eps 1e-8. */
    public Adam() {
        this(0.9, 0.999, 1e-8);
    }

    public Adam(double beta1, double beta2, double eps) {
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be finite and >= 0, got " + eps);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /**
     * One Adam update of {@code x} in place.
     *
     * @param x variables; the length fixes the state size at the first call after construction or reset
     * @param grad dLoss/dx, same length, not modified
     * @param lr learning rate for this step, finite and >= 0
     */
    public void step(float[] x, float[] grad, double lr) {
        if (x.length != grad.length) {
            throw new IllegalArgumentException(
                    "x has " + x.length + " elements but grad has " + grad.length);
        }
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("lr must be finite and >= 0, got " + lr);
        }
        if (m == null) {
            m = new float[x.length];
            v = new float[x.length];
        } else if (m.length != x.length) {
            throw new IllegalArgumentException("Adam state has " + m.length
                    + " elements but x has " + x.length + "; call reset() to change size");
        }
        t++;
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        double stepSize = lr / bc1;
        double a1 = 1 - beta1;
        double a2 = 1 - beta2;
        for (int i = 0; i < x.length; i++) {
            double g = grad[i];
            // Moments are stored in float like torch's float32 state; each element's arithmetic is
            // done in double and rounded once.
            float mi = (float) (beta1 * m[i] + a1 * g);
            float vi = (float) (beta2 * v[i] + a2 * g * g);
            m[i] = mi;
            v[i] = vi;
            double denom = Math.sqrt(vi) / bc2Sqrt + eps;
            x[i] = (float) (x[i] - stepSize * mi / denom);
        }
    }

    /** Number of steps taken since construction or the last reset. */
    public int steps() {
        return t;
    }

    /** Forgets the moments and the step count; the next step may use a different length. */
    public void reset() {
        m = null;
        v = null;
        t = 0;
    }
}
