package org.giaworkbench.core.result;

/** One point of a run's metric history; psnr and ssim are NaN where no snapshot was taken. */
public record SeriesPoint(int iteration, double loss, double psnr, double ssim) {
}
