package org.giaworkbench.plugin.spi;

import java.util.function.ToIntFunction;
import org.giaworkbench.model.GiaModel;

/**
 * The model the server sends to the client this round, and what it changed.
 *
 * @param model           what the client receives and trains on
 * @param modification    one line for logs and the summary ("none" for the honest model)
 * @param addedParameters parameters the server added to the honest model (its communication overhead)
 * @param binning         for imprint attacks: the bin a normalised CHW input falls in (-1: none), so that
 *                        the evaluation can show the bins' occupancy; null otherwise
 * @param bins            number of bins of {@code binning}, 0 without
 */
public record ShippedModel(GiaModel model, String modification, long addedParameters,
                           ToIntFunction<float[]> binning, int bins) {

    public static ShippedModel honest(GiaModel model) {
        return new ShippedModel(model, "none", 0, null, 0);
    }

    public boolean modified() {
        return !"none".equals(modification);
    }
}
