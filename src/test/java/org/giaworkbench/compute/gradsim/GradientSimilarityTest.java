package org.giaworkbench.compute.gradsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.gradsim.GradSimReport;
import org.giaworkbench.core.gradsim.GradSimRequest;
import org.giaworkbench.core.spec.ModelSpec;
import org.giaworkbench.data.BundledDataset;
import org.giaworkbench.data.Dataset;
import org.giaworkbench.data.Normalization;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.ModelFactory;
import org.junit.jupiter.api.Test;

/**
 * Gradient similarity: exact cases (identical batches) and the sanity of a small study. The direction of
 * the Table II trend is not asserted: on the trained ResNet-20 it is not monotone for every image choice
 * (values measured with ./gia gradsim are in the README).
 */
class GradientSimilarityTest {

    @Test
    void cosineOfHandVectors() {
        assertEquals(1.0, GradientSimilarity.cosine(new float[] {1, 2, 3}, new float[] {2, 4, 6}), 1e-12);
        assertEquals(0.0, GradientSimilarity.cosine(new float[] {1, 0}, new float[] {0, 5}), 0);
        assertEquals(-1.0, GradientSimilarity.cosine(new float[] {1, -1}, new float[] {-3, 3}), 1e-12);
        assertTrue(Double.isNaN(GradientSimilarity.cosine(new float[] {0, 0}, new float[] {1, 1})));
    }

    @Test
    void identicalBatchesHaveCosineOneAndTheStudyIsSane() throws Exception {
        Dataset d = BundledDataset.cifar10();
        try (ComputeService compute = new ComputeService()) {
            compute.onComputeThread("cpu", (base, oracle) -> {
                try (NDManager m = base.newSubManager()) {
                    GiaModel model = ModelFactory.build(new ModelSpec("lenet-dlg", "default", "untrained", 1, "eval", null),
                            10, 3, 32, m);
                    float[] x = Normalization.CIFAR10.normalize(d.image(5), 3, 32, 32);
                    float[] y = Normalization.CIFAR10.normalize(d.image(6), 3, 32, 32);
                    float[] g1 = GradientSimilarity.gradient(model, new float[][] {x}, new int[] {d.label(5)}, oracle, m);
                    float[] g2 = GradientSimilarity.gradient(model, new float[][] {x, y}, new int[] {d.label(5), d.label(6)}, oracle, m);
                    float[] g3 = GradientSimilarity.gradient(model, new float[][] {x, y}, new int[] {d.label(5), d.label(6)}, oracle, m);
                    float[] copies = GradientSimilarity.gradient(model, new float[][] {x, x, x}, new int[] {d.label(5), d.label(5),
                            d.label(5)}, oracle, m);
                    assertEquals(1.0, GradientSimilarity.cosine(g2, g3), 1e-9);
                    // A batch of copies has the mean gradient of one image: the same direction.
                    assertEquals(1.0, GradientSimilarity.cosine(g1, copies), 1e-5);
                    assertTrue(GradientSimilarity.cosine(g1, g2) < 0.9999);
                }
                return null;
            });
            GradSimReport r = compute.gradientSimilarity(new GradSimRequest("lenet-dlg", "default",
                    List.of("untrained"), List.of(1, 2, 3), 4, 0, "cifar10", "cpu")).get();
            assertEquals(5, r.imageIndices().length);
            for (int i = 0; i < 3; i++) {
                assertEquals(4, d.label(r.imageIndices()[i]));
            }
            for (int i = 3; i < 5; i++) {
                assertTrue(d.label(r.imageIndices()[i]) != 4);
            }
            GradSimReport.ModelRow row = r.rows().get(0);
            for (double v : row.anchorVsBatch()) {
                assertTrue(v >= -1 && v <= 1, "cosine " + v);
            }
            // B_N is the batch of all N same-label images in both measures.
            assertEquals(row.anchorVsBatch()[2], row.imageVsFullBatch()[0], 1e-9);
            System.out.printf("lenet untrained, class 4: anchor vs B_k %s, pairs same %.4f other %.4f%n",
                    java.util.Arrays.toString(row.anchorVsBatch()), row.sameLabelPairs(), row.otherLabelPairs());

            var failure = assertThrows(java.util.concurrent.ExecutionException.class, () -> compute.gradientSimilarity(
                    new GradSimRequest("lenet-dlg", "default", List.of("untrained"), List.of(1), 12, 0, "cifar10", "cpu")).get());
            assertTrue(failure.getCause() instanceof GiaException g && g.getMessage().contains("label 12"), failure.getMessage());
        }
    }
}
