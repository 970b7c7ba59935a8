package org.giaworkbench.data;

/** Which CIFAR-100 label to use: the 100 fine classes or the 20 superclasses. CIFAR-10 ignores it. */
public enum LabelGranularity { FINE, COARSE }
