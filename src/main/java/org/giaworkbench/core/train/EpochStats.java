package org.giaworkbench.core.train;

/**
 * One completed epoch: mean training loss and accuracy over its batches (with the weights as they moved),
 * then loss and accuracy of the epoch's final weights on the held-out images (NaN when nothing is held out).
 *
 * @param checkpoint the file the epoch's weights were saved to
 */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double heldOutLoss,
                         double heldOutAccuracy, double seconds, String checkpoint) {
}
