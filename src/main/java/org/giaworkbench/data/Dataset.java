package org.giaworkbench.data;

import java.util.List;

/**
 * A labelled image dataset of fixed resolution. Images are CHW float arrays with values in [0, 1];
 * each call to {@link #image(int)} returns a fresh array the caller may modify.
 * Implementations are safe for concurrent reads.
 */
public interface Dataset {

    /** One line for logs and the GUI, e.g. "CIFAR-10 binary /data/test_batch.bin (10000 images)". */
    String description();

    int size();

    int numClasses();

    /** Class names in label order; {@code classNames().size() == numClasses()}. */
    List<String> classNames();

    /** Label of image {@code i}, in {@code [0, numClasses())}. */
    int label(int i);

    /** Image {@code i}, CHW, values in [0, 1], at {@link #channels()} x {@link #height()} x {@link #width()}. */
    float[] image(int i);

    int channels();

    int height();

    int width();
}
