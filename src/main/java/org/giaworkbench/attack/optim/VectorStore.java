package org.giaworkbench.attack.optim;

/**
 * The vectors an optimiser works on, addressed by integer handles, so that one implementation of
 * an algorithm serves both float storage (production) and double storage (checking the algorithm
 * against float64 references). Handle {@link #X} is the caller's point; the rest are owned
 * buffers, allocated on first {@link #ensure}. Every reduction is accumulated in double.
 */
abstract class VectorStore {

    static final int X = 0;

    final int length;

    VectorStore(int length) {
        this.length = length;
    }

    /** Allocates the buffer behind {@code h} if it does not exist yet. */
    abstract void ensure(int h);

    abstract double dot(int a, int b);

    /** Largest absolute element; NaN if any element is NaN, so that NaN never passes a tolerance test. */
    abstract double absMax(int a);

    abstract double absSum(int a);

    abstract void copy(int src, int dst);

    /** dst = s * src */
    abstract void scale(int src, double s, int dst);

    /** dst = a - b */
    abstract void subtract(int a, int b, int dst);

    /** dst = a + s * b, rounded once per element; dst may be a or b. */
    abstract void addScaled(int a, double s, int b, int dst);

    /** Evaluates the bound objective at {@code point}, gradient into {@code gradOut}. */
    abstract double evaluate(int point, int gradOut);

    /** Passes the point of evaluation number {@code evalIndex} to the bound listener, if any. */
    abstract void notifyListener(int evalIndex, double loss, int point);
}
