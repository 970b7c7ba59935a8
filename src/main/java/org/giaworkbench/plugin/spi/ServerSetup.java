package org.giaworkbench.plugin.spi;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.function.Supplier;
import org.giaworkbench.model.GiaModel;

/**
 * What the server knows before the round, when it decides which model to ship: the honest model of
 * the federation, public metadata, the labels only if the threat model grants them, and a public
 * sample of the data distribution (the server's own auxiliary data, never the client's batch).
 *
 * @param honest      the model the federation agreed on
 * @param manager     lives for the whole run: build the shipped model here
 * @param knownLabels the client's labels if granted, else null
 * @param publicData  computed on first use (it costs a dataset pass)
 */
public record ServerSetup(GiaModel honest, NDManager manager, long seed, int batchSize, Shape imageShape,
                          int numClasses, int[] knownLabels, InputBox box, Supplier<PublicSample> publicData) {

    /**
     * Normalised images (model-input space, NCHW) with their labels, drawn from the dataset without
     * the client's images.
     */
    public record PublicSample(float[] images, int[] labels, int count) {
    }
}
