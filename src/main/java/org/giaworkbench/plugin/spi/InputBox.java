package org.giaworkbench.plugin.spi;

/**
 * The valid range of model inputs per channel: images in [0, 1] after normalisation with the
 * federation's mean and standard deviation. Attacks that box their images clamp to it.
 */
public record InputBox(float[] mean, float[] std) {

    public float lower(int channel) {
        return (0f - mean[channel]) / std[channel];
    }

    public float upper(int channel) {
        return (1f - mean[channel]) / std[channel];
    }

    /** Clamps NCHW values in place. */
    public void clamp(float[] nchw, int channels, int pixelsPerChannel) {
        for (int i = 0; i < nchw.length; i++) {
            int c = (i / pixelsPerChannel) % channels;
            float lo = lower(c);
            float hi = upper(c);
            if (nchw[i] < lo) {
                nchw[i] = lo;
            } else if (nchw[i] > hi) {
                nchw[i] = hi;
            }
        }
    }
}
