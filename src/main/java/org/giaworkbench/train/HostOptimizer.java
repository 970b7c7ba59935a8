package org.giaworkbench.train;

import org.giaworkbench.core.train.TrainingSpec;

/**
 * Updates the host copy of the parameters from their gradients, in place. Host arrays keep the loop
 * engine-agnostic and leave the model's tensors untouched by autograd (an in-place update of a leaf
 * that requires grad is an error in libtorch with grad mode on, which the compute thread keeps on).
 */
abstract class HostOptimizer {

    /** Weight decay applies to these parameters (conv and linear weights, not biases or BatchNorm). */
    protected final boolean[] decays;
    protected final float lr;
    protected final float weightDecay;

    HostOptimizer(boolean[] decays, double lr, double weightDecay) {
        this.decays = decays.clone();
        this.lr = (float) lr;
        this.weightDecay = (float) weightDecay;
    }

    abstract void step(float[][] params, float[][] grads);

    static HostOptimizer of(TrainingSpec spec, boolean[] decays, float[][] params) {
        return TrainingSpec.ADAM.equals(spec.optimizer())
                ? new Adam(decays, spec.learningRate(), spec.weightDecay(), params)
                : new Sgd(decays, spec.learningRate(), spec.momentum(), spec.weightDecay(), params);
    }

    /** PyTorch's SGD: v = mu v + (g + wd w); w -= lr v (no dampening, no Nesterov). */
    static final class Sgd extends HostOptimizer {
        private final float momentum;
        private final float[][] velocity;

        Sgd(boolean[] decays, double lr, double momentum, double weightDecay, float[][] params) {
            super(decays, lr, weightDecay);
            this.momentum = (float) momentum;
            this.velocity = new float[params.length][];
            for (int i = 0; i < params.length; i++) {
                velocity[i] = new float[params[i].length];
            }
        }

        @Override
        void step(float[][] params, float[][] grads) {
            for (int i = 0; i < params.length; i++) {
                float[] w = params[i];
                float[] g = grads[i];
                float[] v = velocity[i];
                float wd = decays[i] ? weightDecay : 0f;
                for (int j = 0; j < w.length; j++) {
                    float d = g[j] + wd * w[j];
                    v[j] = momentum * v[j] + d;
                    w[j] -= lr * v[j];
                }
            }
        }
    }

    /** PyTorch's Adam (betas 0.9, 0.999, eps 1e-8) with L2 weight decay added to the gradient. */
    static final class Adam extends HostOptimizer {
        private static final float B1 = 0.9f;
        private static final float B2 = 0.999f;
        private static final float EPS = 1e-8f;
        private final float[][] m;
        private final float[][] v;
        private int t;

        Adam(boolean[] decays, double lr, double weightDecay, float[][] params) {
            super(decays, lr, weightDecay);
            m = new float[params.length][];
            v = new float[params.length][];
            for (int i = 0; i < params.length; i++) {
                m[i] = new float[params[i].length];
                v[i] = new float[params[i].length];
            }
        }

        @Override
        void step(float[][] params, float[][] grads) {
            t++;
            double c1 = 1 - Math.pow(B1, t);
            double c2 = 1 - Math.pow(B2, t);
            float stepSize = (float) (lr / c1);
            float sqrtC2 = (float) Math.sqrt(c2);
            for (int i = 0; i < params.length; i++) {
                float[] w = params[i];
                float[] g = grads[i];
                float wd = decays[i] ? weightDecay : 0f;
                for (int j = 0; j < w.length; j++) {
                    float d = g[j] + wd * w[j];
                    m[i][j] = B1 * m[i][j] + (1 - B1) * d;
                    v[i][j] = B2 * v[i][j] + (1 - B2) * d * d;
                    w[j] -= stepSize * m[i][j] / ((float) Math.sqrt(v[i][j]) / sqrtC2 + EPS);
                }
            }
        }
    }
}
