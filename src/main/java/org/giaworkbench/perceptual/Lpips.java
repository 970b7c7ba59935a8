package org.giaworkbench.perceptual;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Locale;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.nd.OwnedArrays;

/**
 * LPIPS v0.1 (Zhang, Isola, Efros, Shechtman and Wang, CVPR 2018), computed exactly as the reference
 * package {@code lpips.LPIPS(net=..., version='0.1')} does in evaluation:
 * <ol>
 *   <li>images in [0, 1] (the reconstruction clamped) are mapped to [-1, 1], then through the scaling
 *       layer {@code (x - shift) / scale} with shift (-0.030, -0.088, -0.188) and scale (0.458, 0.448, 0.450);</li>
 *   <li>each backbone tap {@code f} is normalised to unit length over channels at every pixel:
 *       {@code f / (sqrt(sum_c f^2) + 1e-10)};</li>
 *   <li>the squared difference of the two normalised taps is weighted per channel by the tap's linear
 *       head ({@code linK.model.1.weight}, a 1x1 convolution without bias; its dropout is off in evaluation);</li>
 *   <li>averaged over the spatial positions and summed over the taps.</li>
 * </ol>
 * Images are compared at their own resolution (no resizing, as in ROG's and breaching's use on CIFAR).
 * One-channel images are repeated to three channels. 0 means identical; larger is more different.
 *
 * <p>Backbones: the bundled ImageNet SqueezeNet 1.1 gives "LPIPS-squeeze (approximate)", because those
 * weights (ONNX model zoo) may differ from the torchvision weights the heads were trained with; AlexNet or
 * VGG-16 weights from a user's file give the standard "LPIPS-alex" / "LPIPS-vgg" (see {@link LpipsChoice}).
 */
public final class Lpips implements AutoCloseable {

    static final float[] SHIFT = {-.030f, -.088f, -.188f};
    static final float[] SCALE = {.458f, .448f, .450f};
    private static final double EPS = 1e-10;

    private final NDManager manager;
    private final FeatureNet net;
    private final NDArray[] heads;
    private final LpipsChoice choice;

    private Lpips(NDManager manager, FeatureNet net, Weights headWeights, LpipsChoice choice) {
        this.manager = manager;
        this.net = net;
        this.choice = choice;
        int[] channels = net.tapChannels();
        heads = new NDArray[channels.length];
        for (int k = 0; k < channels.length; k++) {
            heads[k] = headWeights.get("lin" + k + ".model.1.weight", 1, channels[k], 1, 1)
                    .reshape(1, channels[k], 1, 1);
        }
    }

    /** Loads the backbone and heads {@code choice} names into a sub-manager of {@code parent}. */
    public static Lpips load(LpipsChoice choice, NDManager parent) {
        if (choice.off()) {
            throw new IllegalArgumentException("LPIPS is off");
        }
        NDManager m = parent.newSubManager();
        try {
            FeatureNet net = switch (choice.net()) {
                case "squeeze" -> choice.file() == null ? SqueezeNet11.bundled(m) : new SqueezeNet11(Weights.file(choice.file(), m));
                case "alex" -> new AlexNetFeatures(Weights.file(choice.file(), m));
                case "vgg" -> new Vgg16Features(Weights.file(choice.file(), m));
                default -> throw new IllegalStateException(choice.net());
            };
            Weights heads = Weights.resource("/org/giaworkbench/perceptual/lpips-" + choice.net() + ".npz", m);
            return new Lpips(m, net, heads, choice);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** Shown name: "LPIPS-squeeze (approximate)", "LPIPS-alex", "LPIPS-vgg". */
    public String label() {
        return choice.label();
    }

    /** Exact description for result files. */
    public String variant() {
        return choice.variant();
    }

    /** Per-image LPIPS of image i of {@code a} against image i of {@code b} (b is clamped to [0, 1]). */
    public double[] distance(ImageBatch a, ImageBatch b) {
        if (a.count() != b.count() || a.channels() != b.channels() || a.height() != b.height() || a.width() != b.width()) {
            throw new IllegalArgumentException("LPIPS needs batches of one shape");
        }
        if (a.channels() != 1 && a.channels() != 3) {
            throw GiaException.badInput("LPIPS needs 1- or 3-channel images, got " + a.channels(), "");
        }
        if (a.count() == 0) {
            return new double[0];
        }
        try (NDManager step = manager.newSubManager()) {
            NDArray x = scaled(a, step, false);
            NDArray y = scaled(b, step, true);
            List<NDArray> fx = net.taps(x);
            List<NDArray> fy = net.taps(y);
            NDArray total = null;
            for (int k = 0; k < heads.length; k++) {
                NDArray d = unit(fx.get(k)).sub(unit(fy.get(k))).square().mul(heads[k]).sum(new int[] {1})
                        .mean(new int[] {2}).mean(new int[] {1});
                total = total == null ? d : total.add(d);
            }
            float[] v = total.toFloatArray();
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i];
            }
            return out;
        }
    }

    private static NDArray unit(NDArray f) {
        return f.div(f.square().sum(new int[] {1}, true).sqrt().add(OwnedArrays.scalar(f.getManager(), EPS, f.getDataType())));
    }

    /** [0, 1] -> [-1, 1] -> LPIPS scaling layer, three channels. */
    private static NDArray scaled(ImageBatch batch, NDManager m, boolean clamp) {
        int n = batch.count();
        int plane = batch.height() * batch.width();
        float[] src = batch.pixels();
        float[] out = new float[n * 3 * plane];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                int from = (i * batch.channels() + (batch.channels() == 1 ? 0 : c)) * plane;
                int to = (i * 3 + c) * plane;
                for (int p = 0; p < plane; p++) {
                    float v = src[from + p];
                    if (clamp) {
                        v = Float.isNaN(v) ? 0f : Math.max(0f, Math.min(1f, v));
                    }
                    out[to + p] = ((2f * v - 1f) - SHIFT[c]) / SCALE[c];
                }
            }
        }
        return OwnedArrays.of(m, out, new Shape(n, 3, batch.height(), batch.width()));
    }

    @Override
    public void close() {
        manager.close();
    }

    @Override
    public String toString() {
        return label().toLowerCase(Locale.ROOT);
    }
}
