package org.giaworkbench.attack.optim;

/**
 * Settings of {@link Lbfgs}, with the defaults and meaning of {@code torch.optim.LBFGS}.
 *
 * @param lr learning rate: the fixed step without line search, the initial trial step with it
 * @param maxIter inner iterations per {@link Lbfgs#step} call
 * @param maxEval evaluations per step after which no new iteration starts (a line search may overrun it)
 * @param toleranceGrad stop when the largest absolute gradient element is at most this
 * @param toleranceChange stop when the step, the loss change or the directional derivative is this small
 * @param historySize number of curvature pairs kept
 * @param lineSearch {@link LineSearch#NONE} or {@link LineSearch#STRONG_WOLFE}
 */
public record LbfgsParams(
        double lr,
        int maxIter,
        int maxEval,
        double toleranceGrad,
        double toleranceChange,
        int historySize,
        LineSearch lineSearch) {

    /** How the step length is chosen along the search direction. */
    public enum LineSearch {
        /** Fixed step {@code lr} (after the first iteration). */
        NONE,
        /** Bracketing and cubic-interpolation zoom until the strong Wolfe conditions hold. */
        STRONG_WOLFE
    }

    public LbfgsParams {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("lr must be finite and > 0, got " + lr);
        }
        if (maxIter < 1) {
            throw new IllegalArgumentException("maxIter must be >= 1, got " + maxIter);
        }
        if (maxEval < 1) {
            throw new IllegalArgumentException("maxEval must be >= 1, got " + maxEval);
        }
        if (!(toleranceGrad >= 0) || Double.isInfinite(toleranceGrad)) {
            throw new IllegalArgumentException("toleranceGrad must be finite and >= 0, got " + toleranceGrad);
        }
        if (!(toleranceChange >= 0) || Double.isInfinite(toleranceChange)) {
            throw new IllegalArgumentException(
                    "toleranceChange must be finite and >= 0, got " + toleranceChange);
        }
        if (historySize < 1) {
            throw new IllegalArgumentException("historySize must be >= 1, got " + historySize);
        }
        if (lineSearch == null) {
            throw new IllegalArgumentException("lineSearch must not be null (use LineSearch.NONE)");
        }
    }

    /** torch's defaults: lr 1, 20 iterations, 25 evaluations, 1e-7, 1e-9, history 100, no line search. */
    public static LbfgsParams defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder; {@code maxEval} left unset follows torch: {@code maxIter * 5 / 4}. */
    public static final class Builder {
        private double lr = 1;
        private int maxIter = 20;
        private Integer maxEval;
        private double toleranceGrad = 1e-7;
        private double toleranceChange = 1e-9;
        private int historySize = 100;
        private LineSearch lineSearch = LineSearch.NONE;

        private Builder() {
        }

        public Builder lr(double v) {
            lr = v;
            return this;
        }

        public Builder maxIter(int v) {
            maxIter = v;
            return this;
        }

        public Builder maxEval(int v) {
            maxEval = v;
            return this;
        }

        public Builder toleranceGrad(double v) {
            toleranceGrad = v;
            return this;
        }

        public Builder toleranceChange(double v) {
            toleranceChange = v;
            return this;
        }

        public Builder historySize(int v) {
            historySize = v;
            return this;
        }

        public Builder lineSearch(LineSearch v) {
            lineSearch = v;
            return this;
        }

        /** @throws IllegalArgumentException if any setting is out of range */
        public LbfgsParams build() {
            int evals = maxEval != null ? maxEval : (int) ((long) maxIter * 5 / 4);
            return new LbfgsParams(lr, maxIter, evals, toleranceGrad, toleranceChange, historySize, lineSearch);
        }
    }
}
