package org.giaworkbench.data;

import org.giaworkbench.core.GiaException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The dataset shipped inside the jar: 1,000 CIFAR-10 test images, 100 per class, decoded from
 * JPEG (so not bit-identical to the original release; see {@code bundled/PROVENANCE.md}).
 * Record {@code i} has label {@code i % 10}: the classes take turns, 0,1,...,9,0,1,...
 */
public final class BundledDataset {

    /** Classpath location of the records. */
    public static final String RESOURCE = "/org/giaworkbench/data/bundled/cifar10-test1000.bin";
    private static final String NAMES = "/org/giaworkbench/data/bundled/batches.meta.txt";

    private static volatile byte[] bytes;
    private static volatile List<String> names;

    private BundledDataset() {
    }

    /** The bundled set at its native 32x32. */
    public static CifarBinaryDataset cifar10() {
        return cifar10(0);
    }

    /** The bundled set resized to {@code resolution x resolution} (0 or 32: native). */
    public static CifarBinaryDataset cifar10(int resolution) {
        load();
        return CifarBinaryDataset.fromBytes(bytes, "bundled cifar10-test1000", CifarLayout.CIFAR10, names,
                CifarBinaryDataset.Options.DEFAULT.withResolution(resolution));
    }

    // The 3 MB array is read once and shared: datasets never write to it.
    private static synchronized void load() {
        if (bytes != null) {
            return;
        }
        names = CifarBinaryDataset.parseNames(new String(read(NAMES), StandardCharsets.UTF_8));
        bytes = read(RESOURCE);
    }

    private static byte[] read(String resource) {
        try (InputStream in = BundledDataset.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new GiaException(GiaException.Kind.INTERNAL, "bundled resource " + resource + " is missing",
                        "the jar is incomplete: rebuild it with mvn package");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new GiaException(GiaException.Kind.INTERNAL, "cannot read bundled resource " + resource + ": "
                    + e.getMessage(), "the jar may be damaged: rebuild it", e);
        }
    }
}
