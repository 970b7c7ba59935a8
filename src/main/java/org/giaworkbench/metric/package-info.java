/**
 * Image-quality and label metrics for comparing a reconstructed batch with the ground truth:
 * PSNR, SSIM, minimum-cost pairing of images (Hungarian algorithm) and label accuracy.
 * Inputs are host {@code ImageBatch}es with values in [0, 1] (de-normalised).
 *
 * <p>Pure Java, any thread; depends only on core.
 */
package org.giaworkbench.metric;
