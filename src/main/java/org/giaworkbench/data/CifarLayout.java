package org.giaworkbench.data;

/** The two record layouts of the official CIFAR binary releases. */
public enum CifarLayout {
    /** 1 label byte, then 3072 pixel bytes: 3073 bytes a record. */
    CIFAR10("CIFAR-10", 1, 10, 10),
    /** A coarse label byte, a fine label byte, then 3072 pixel bytes: 3074 bytes a record. */
    CIFAR100("CIFAR-100", 2, 100, 20);

    /** Pixel bytes in one record: 3 x 32 x 32, channel planes R, G, B, rows top to bottom. */
    public static final int IMAGE_BYTES = 3 * 32 * 32;

    private final String displayName;
    private final int labelBytes;
    private final int fineClasses;
    private final int coarseClasses;

    CifarLayout(String displayName, int labelBytes, int fineClasses, int coarseClasses) {
        this.displayName = displayName;
        this.labelBytes = labelBytes;
        this.fineClasses = fineClasses;
        this.coarseClasses = coarseClasses;
    }

    public String displayName() {
        return displayName;
    }

    public int labelBytes() {
        return labelBytes;
    }

    public int recordSize() {
        return labelBytes + IMAGE_BYTES;
    }

    /** Number of classes for the chosen granularity (CIFAR-10 has only one). */
    public int numClasses(LabelGranularity granularity) {
        return this == CIFAR100 && granularity == LabelGranularity.COARSE ? coarseClasses : fineClasses;
    }

    /** Offset of the label byte used for {@code granularity} within a record. */
    int labelOffset(LabelGranularity granularity) {
        return this == CIFAR100 && granularity == LabelGranularity.FINE ? 1 : 0;
    }
}
