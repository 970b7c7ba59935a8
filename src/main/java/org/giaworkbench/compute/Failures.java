package org.giaworkbench.compute;

import java.util.Locale;
import org.giaworkbench.core.GiaException;

/** Turns engine and JVM errors into failures a user can act on. */
final class Failures {

    private Failures() {
    }

    static GiaException classify(Throwable e) {
        if (e instanceof GiaException g) {
            return g;
        }
        String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (e instanceof OutOfMemoryError || text.contains("out of memory") || text.contains("can't allocate memory")
                || text.contains("std::bad_alloc")) {
            return new GiaException(GiaException.Kind.OUT_OF_MEMORY, "out of memory: " + e.getMessage(),
                    "use a smaller batch (data.batch) or resolution (data.resolution), or a smaller model", e);
        }
        if (e instanceof UnsatisfiedLinkError || e.getClass().getName().startsWith("ai.djl.engine")) {
            return new GiaException(GiaException.Kind.ENGINE, "engine error: " + e.getMessage(),
                    "this is a problem with the native PyTorch library; see the log", e);
        }
        return new GiaException(GiaException.Kind.INTERNAL, "internal error: " + e, "please report it with the spec", e);
    }
}
