package org.giaworkbench.perceptual;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** A backbone cut at the layers LPIPS reads ("taps"), in the order of the LPIPS heads lin0, lin1, ... */
interface FeatureNet {

    /** Short name as in the LPIPS package: squeeze, alex, vgg. */
    String id();

    /** Channels of each tap (the width of the matching LPIPS head). */
    int[] tapChannels();

    /** The taps for an input batch N x 3 x H x W already passed through the LPIPS scaling layer. */
    List<NDArray> taps(NDArray x);
}
