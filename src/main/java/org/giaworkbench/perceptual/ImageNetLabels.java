package org.giaworkbench.perceptual;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.data.ImageResizer;
import org.giaworkbench.nd.OwnedArrays;

/**
 * The semantic labels that the Jaccard similarity compares: the {@link #K} most likely ImageNet classes
 * of an image according to the bundled SqueezeNet 1.1 classifier. The image (reconstructions clamped to
 * [0, 1]; one channel repeated to three) is resized to 224 x 224 (bilinear, aspect not kept) and
 * normalised with the ImageNet mean and std. ROG (Yue et al., USENIX Security 2023) compares the tags of a
 * multi-label TResNet-M (top-k above a threshold); that network is not available offline, so this is an
 * approximation of their semantic-label Jaccard with a single-label ImageNet classifier.
 */
public final class ImageNetLabels implements AutoCloseable {

    public static final int K = 5;
    public static final int SIZE = 224;
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private final NDManager manager;
    private final SqueezeNet11 net;

    private ImageNetLabels(NDManager manager) {
        this.manager = manager;
        this.net = SqueezeNet11.bundled(manager);
    }

    public static ImageNetLabels load(NDManager parent) {
        NDManager m = parent.newSubManager();
        try {
            return new ImageNetLabels(m);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** Per image, its {@link #K} top ImageNet class indices, most likely first. */
    public int[][] topK(ImageBatch batch) {
        int n = batch.count();
        int[][] out = new int[n][];
        int plane = SIZE * SIZE;
        for (int i = 0; i < n; i++) {
            float[] img = batch.image(i);
            for (int k = 0; k < img.length; k++) {
                img[k] = Float.isNaN(img[k]) ? 0f : Math.max(0f, Math.min(1f, img[k]));
            }
            float[] resized = ImageResizer.resize(img, batch.channels(), batch.height(), batch.width(), SIZE, SIZE);
            float[] x = new float[3 * plane];
            for (int c = 0; c < 3; c++) {
                int from = (batch.channels() == 1 ? 0 : c) * plane;
                for (int p = 0; p < plane; p++) {
                    x[c * plane + p] = (resized[from + p] - MEAN[c]) / STD[c];
                }
            }
            try (NDManager step = manager.newSubManager()) {
                NDArray logits = net.logits(OwnedArrays.of(step, x, new Shape(1, 3, SIZE, SIZE)));
                long[] order = logits.get(0).argSort(0, false).get("0:" + K).toLongArray();
                out[i] = new int[K];
                for (int k = 0; k < K; k++) {
                    out[i][k] = (int) order[k];
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
