package org.giaworkbench.core.gradsim;

import java.util.List;

/**
 * What a gradient similarity study measured. All values are cosine similarities between flattened
 * parameter gradients of the mean cross-entropy (what a FedSGD client shares).
 *
 * <p>Setup: an anchor image x_1 of class c, further images x_2..x_N of class c, and N-1 images of other
 * classes (distinct classes where the dataset has enough). Batch B_k (size N) holds x_1..x_k and the first
 * N-k other-class images, so k counts the images sharing the anchor's label.
 *
 * @param request      what was asked
 * @param imageIndices dataset indices: x_1..x_N, then the other-class images
 * @param rows         one per model state, in the request's order
 */
public record GradSimReport(GradSimRequest request, int[] imageIndices, List<ModelRow> rows) {

    /**
     * @param weights          the model state (as in the request)
     * @param ks               the k values reported
     * @param anchorVsBatch    cos(g(x_1), g(B_k)) for each k (Table II, first row)
     * @param imageVsFullBatch cos(g(x_i), g(B_N)) for i = 1..N, B_N all of class c (Table II, last column)
     * @param sameLabelPairs   mean cos(g(x_i), g(x_j)) over pairs of the N same-class images
     * @param otherLabelPairs  mean cos(g(a), g(b)) over pairs of images of different classes (x_1 and the others)
     */
    public record ModelRow(String weights, int[] ks, double[] anchorVsBatch, double[] imageVsFullBatch,
                           double sameLabelPairs, double otherLabelPairs) {
    }
}
