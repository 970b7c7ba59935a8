package org.giaworkbench.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.giaworkbench.core.result.ImageBatch;
import org.junit.jupiter.api.Test;

/** Hand-computable cases of the Jaccard similarity (ROG) and the RDLV (Hatamizadeh et al.). */
class JaccardRdlvTest {

    @Test
    void jaccardIsIntersectionOverUnionOfLabelSets() {
        assertEquals(1.0, Jaccard.of(new int[] {1, 2, 3, 4, 5}, new int[] {5, 4, 3, 2, 1}), 0);
        assertEquals(0.0, Jaccard.of(new int[] {1, 2}, new int[] {3, 4}), 0);
        // {1,2,3,4,5} and {4,5,6,7,8}: 2 shared of 8 distinct.
        assertEquals(2.0 / 8.0, Jaccard.of(new int[] {1, 2, 3, 4, 5}, new int[] {4, 5, 6, 7, 8}), 1e-15);
        // Duplicates count once: {7} vs {7, 9} -> 1/2.
        assertEquals(0.5, Jaccard.of(new int[] {7, 7, 7}, new int[] {9, 7}), 1e-15);
        assertEquals(1.0, Jaccard.of(new int[0], new int[0]), 0);
        assertEquals(0.0, Jaccard.of(new int[] {1}, new int[0]), 0);
        assertArrayEquals(new double[] {1.0, 1.0 / 3.0},
                Jaccard.perImage(new int[][] {{1, 2}, {1, 2}}, new int[][] {{2, 1}, {2, 3}}), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Jaccard.perImage(new int[1][], new int[2][]));
    }

    @Test
    void rdlvIsTheRelativeSsimGainOverThePrior() {
        assertEquals(1.0, Rdlv.of(0.8, 0.4), 1e-15);     // twice the prior's SSIM
        assertEquals(0.0, Rdlv.of(0.3, 0.3), 0);         // no better than the prior
        assertEquals(-0.5, Rdlv.of(0.1, 0.2), 1e-15);    // worse than the prior
        assertEquals(Double.NaN, Rdlv.of(0.5, 0.0));     // undefined for a prior with SSIM 0
    }

    @Test
    void rdlvOfAPerfectReconstructionIsOneOverPriorSsimMinusOne() {
        float[] x = TestImages.uniform(3, 3, 16, 16);
        float[] prior = new float[x.length];
        for (int k = 0; k < x.length; k++) {
            prior[k] = 0.5f * x[k] + 0.25f; // a blurred-contrast guess with a known, positive SSIM
        }
        double sPrior = Ssim.image(x, prior, 3, 16, 16);
        assertTrue(sPrior > 0.05 && sPrior < 0.99, "prior SSIM " + sPrior);
        ImageBatch truth = ImageBatch.of(3, 16, 16, x);
        double[] r = Rdlv.perImage(truth, ImageBatch.of(3, 16, 16, x.clone()), prior);
        assertEquals(1.0 / sPrior - 1.0, r[0], 1e-12);
        // Reconstructing the prior itself leaks nothing beyond it.
        assertEquals(0.0, Rdlv.perImage(truth, ImageBatch.of(3, 16, 16, prior.clone()), prior)[0], 1e-12);
    }

    @Test
    void meanImageAndMeanOfFiniteValues() {
        float[] m = Rdlv.meanImage(List.of(new float[] {0f, 1f}, new float[] {1f, 1f}, new float[] {0.5f, 0f}));
        assertArrayEquals(new float[] {0.5f, 2f / 3f}, m, 1e-7f);
        assertEquals(2.0, Rdlv.mean(new double[] {1, Double.NaN, 3}), 0);
        assertEquals(Double.NaN, Rdlv.mean(new double[] {Double.NaN}));
    }
}
