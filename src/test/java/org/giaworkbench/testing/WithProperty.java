package org.giaworkbench.testing;

/** Runs code with a system property set, and puts the property back as it was afterwards. */
public final class WithProperty {

    /** Work that may throw. */
    @FunctionalInterface
    public interface Work<T> {
        T call() throws Exception;
    }

    private WithProperty() {
    }

    public static <T> T with(String key, String value, Work<T> work) throws Exception {
        String before = System.getProperty(key);
        System.setProperty(key, value);
        try {
            return work.call();
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }
}
