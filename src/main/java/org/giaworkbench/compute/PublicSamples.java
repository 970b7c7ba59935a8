package org.giaworkbench.compute;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.giaworkbench.data.Dataset;
import org.giaworkbench.data.Normalization;
import org.giaworkbench.plugin.spi.ServerSetup;

/**
 * The server's public sample: images of the same distribution that are not in the client's batch
 * (the auxiliary data a malicious server fits its statistics on). Drawn only when an attack asks.
 */
final class PublicSamples {

    /** At most this many images (enough to fit a distribution; a bounded pass over large datasets). */
    static final int MAX_IMAGES = 2000;

    private PublicSamples() {
    }

    static Supplier<ServerSetup.PublicSample> lazy(Dataset dataset, Normalization normalization, int[] clientIndices) {
        return new Supplier<>() {
            private ServerSetup.PublicSample sample;

            @Override
            public ServerSetup.PublicSample get() {
                if (sample == null) {
                    sample = draw(dataset, normalization, clientIndices);
                }
                return sample;
            }
        };
    }

    static ServerSetup.PublicSample draw(Dataset dataset, Normalization normalization, int[] clientIndices) {
        Set<Integer> excluded = new HashSet<>();
        for (int i : clientIndices) {
            excluded.add(i);
        }
        int values = dataset.channels() * dataset.height() * dataset.width();
        int count = Math.min(MAX_IMAGES, dataset.size() - excluded.size());
        // An even stride over the dataset, so that a sorted dataset still gives every class.
        double stride = Math.max(1.0, (double) dataset.size() / (count + excluded.size()));
        float[] images = new float[count * values];
        int[] labels = new int[count];
        int n = 0;
        for (double pos = 0; n < count && pos < dataset.size(); pos += stride) {
            int i = (int) pos;
            if (excluded.contains(i)) {
                continue;
            }
            float[] x = normalization.normalize(dataset.image(i), dataset.channels(), dataset.height(), dataset.width());
            System.arraycopy(x, 0, images, n * values, values);
            labels[n++] = dataset.label(i);
        }
        if (n < count) {
            images = java.util.Arrays.copyOf(images, n * values);
            labels = java.util.Arrays.copyOf(labels, n);
        }
        return new ServerSetup.PublicSample(images, labels, n);
    }
}
