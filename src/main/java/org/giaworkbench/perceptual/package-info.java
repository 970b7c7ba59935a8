/**
 * Learned image metrics that need a network: LPIPS (Zhang et al., CVPR 2018) over a SqueezeNet 1.1,
 * AlexNet or VGG-16 feature extractor, and the ImageNet labels that the Jaccard similarity compares.
 * Uses DJL (unlike the pure-Java {@code metric} package); attacks never see it, since it compares with
 * ground truth. Networks here are plain functions of named weight arrays (no Blocks, no gradients).
 */
package org.giaworkbench.perceptual;
