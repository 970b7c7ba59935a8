package org.giaworkbench.nd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The one way host data enters libtorch: every array made here owns its memory, and every write into
 * an existing array copies into that array's own storage.
 *
 * <p>Why: on the CPU, DJL 0.33 does not copy. {@code NDManager.create(Buffer|float[]...)} wraps the
 * address of a Java direct buffer with {@code torch::from_blob}, and {@code NDArray.set(Buffer|float[])}
 * re-points the tensor's storage at a Java buffer with no deleter. Such a tensor is valid only while
 * that buffer is reachable and unchanged: a tensor saved by autograd, a view, a TorchScript attribute or
 * a parameter whose {@code PtNDArray} wrapper was replaced can outlive it, and a buffer that is refilled
 * for the next step changes tensors of the last one. Here the Java memory is only a staging area that
 * libtorch copies out of before this class returns; the staging buffer is reused (per thread), so no
 * direct buffer is left for the garbage collector either.
 *
 * <p>{@code DjlPitfallsTest} forbids the aliasing DJL calls everywhere else.
 */
public final class OwnedArrays {

    private static final int KEPT_STAGING_BYTES = 64 << 20;
    private static final ThreadLocal<ByteBuffer> STAGING = new ThreadLocal<>();

    private OwnedArrays() {
    }

    /** A float32 array of {@code shape} holding a copy of {@code values}. */
    public static NDArray of(NDManager manager, float[] values, Shape shape) {
        checkSize(values.length, shape);
        ByteBuffer staging = staging(values.length * Float.BYTES);
        staging.asFloatBuffer().put(values);
        return copyOut(manager, staging, shape, DataType.FLOAT32);
    }

    /** A float32 array of {@code shape} holding a copy of {@code values[offset, offset + shape.size())}. */
    public static NDArray of(NDManager manager, float[] values, int offset, Shape shape) {
        int n = Math.toIntExact(shape.size());
        ByteBuffer staging = staging(n * Float.BYTES);
        staging.asFloatBuffer().put(values, offset, n);
        return copyOut(manager, staging, shape, DataType.FLOAT32);
    }

    /** An int64 array of {@code shape} holding a copy of {@code values}. */
    public static NDArray of(NDManager manager, long[] values, Shape shape) {
        checkSize(values.length, shape);
        ByteBuffer staging = staging(values.length * Long.BYTES);
        staging.asLongBuffer().put(values);
        return copyOut(manager, staging, shape, DataType.INT64);
    }

    /** A copy of raw values in native byte order (e.g. a decoded file), as {@code type}. */
    public static NDArray of(NDManager manager, ByteBuffer nativeOrderBytes, Shape shape, DataType type) {
        checkSize(nativeOrderBytes.remaining() / type.getNumOfBytes(), shape);
        if (nativeOrderBytes.isDirect()) {
            // Already off-heap: libtorch copies straight out of it (no second staging copy of a large tensor).
            return copyOut(manager, nativeOrderBytes.slice().order(ByteOrder.nativeOrder()), shape, type);
        }
        ByteBuffer staging = staging(nativeOrderBytes.remaining());
        staging.put(nativeOrderBytes.duplicate());
        staging.flip();
        return copyOut(manager, staging, shape, type);
    }

    /** A 0-dimensional array with {@code value}, made by libtorch itself (no Java memory involved). */
    public static NDArray scalar(NDManager manager, double value, DataType type) {
        // JniUtils.full keeps the double (NDManager.full would round it to float first).
        return JniUtils.full((PtNDManager) manager, new Shape(), value, type, manager.getDevice(), SparseFormat.DENSE);
    }

    /**
     * Arrays decoded from a numpy {@code .npz} or DJL file, each copied into libtorch's memory (DJL's
     * decoder wraps Java buffers), with their names; the decoded originals are closed.
     */
    public static NDList decode(NDManager manager, byte[] bytes) {
        NDList owned = new NDList();
        try (NDManager scratch = manager.newSubManager()) {
            for (NDArray decoded : NDList.decode(scratch, bytes)) {
                NDArray copy = decoded.getDevice().isGpu() ? decoded : decoded.duplicate();
                copy.attach(manager);
                copy.setName(decoded.getName());
                owned.add(copy);
            }
        }
        return owned;
    }

    /**
     * Copies {@code values} into the storage {@code target} already has (its type: float32 or float64),
     * without autograd seeing the write. The tensor keeps its identity, so a TorchScript module or a graph
     * that refers to it sees the new values, and its storage stays libtorch's.
     */
    public static void write(NDArray target, float[] values) {
        checkSize(values.length, target.getShape());
        NDManager scope = target.getManager();
        try (NDArray source = of(scope, values, target.getShape())) {
            write(target, source);
        }
    }

    /** Copies the values of {@code source} (same shape; converted to the target's type and device) into {@code target}. */
    public static void write(NDArray target, NDArray source) {
        if (!source.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("cannot write " + source.getShape() + " into " + target.getShape());
        }
        // Conversions, when needed, are temporaries of the source's manager: closed here, not left to it.
        NDArray typed = source.toType(target.getDataType(), false);
        NDArray placed = typed.toDevice(target.getDevice(), false);
        boolean grad = JniUtils.isGradMode();
        try {
            // An in-place write into a leaf that requires a gradient is only allowed outside autograd.
            JniUtils.setGradMode(false);
            long[] dims = target.getShape().getShape();
            JniUtils.indexSet((PtNDArray) target, (PtNDArray) placed, new long[dims.length], dims.clone(), ones(dims.length));
        } finally {
            JniUtils.setGradMode(grad);
            if (placed != typed && placed != source) {
                placed.close();
            }
            if (typed != source) {
                typed.close();
            }
        }
    }

    private static NDArray copyOut(NDManager manager, ByteBuffer staging, Shape shape, DataType type) {
        // create() wraps the staging memory (on a GPU it copies); duplicate() is libtorch's clone into its
        // own allocation, made before this thread touches the staging buffer again.
        NDArray view = manager.create(staging, shape, type);
        if (view.getDevice().isGpu()) {
            return view;
        }
        try {
            return view.duplicate();
        } finally {
            view.close();
        }
    }

    private static ByteBuffer staging(int bytes) {
        if (bytes > KEPT_STAGING_BYTES) {
            // A one-off for the rare large tensor (an ImageNet classifier): not kept for the thread's life.
            return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        ByteBuffer b = STAGING.get();
        if (b == null || b.capacity() < bytes) {
            b = ByteBuffer.allocateDirect(Math.max(bytes, 1 << 12)).order(ByteOrder.nativeOrder());
            STAGING.set(b);
        }
        b.clear();
        b.limit(bytes);
        return b;
    }

    private static long[] ones(int n) {
        long[] a = new long[n];
        Arrays.fill(a, 1);
        return a;
    }

    private static void checkSize(long values, Shape shape) {
        if (values != shape.size()) {
            throw new IllegalArgumentException(values + " values for shape " + shape + " (" + shape.size() + ")");
        }
    }

}
