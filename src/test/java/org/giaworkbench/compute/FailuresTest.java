package org.giaworkbench.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;
import org.giaworkbench.core.GiaException;
import org.junit.jupiter.api.Test;

/** Engine and JVM errors become failures with a kind and a hint a user can act on. */
class FailuresTest {

    @Test
    void outOfMemoryInTheEngineOrTheJvmSuggestsASmallerRun() {
        GiaException engine = Failures.classify(new EngineException(
                "[enforce fail at alloc_cpu.cpp:114] DefaultCPUAllocator: can't allocate memory: you tried to allocate 68719476736 bytes"));
        assertEquals(GiaException.Kind.OUT_OF_MEMORY, engine.kind());
        assertTrue(engine.hint().contains("data.batch"), engine.hint());
        assertEquals(GiaException.Kind.OUT_OF_MEMORY, Failures.classify(new OutOfMemoryError("Java heap space")).kind());
        assertEquals(GiaException.Kind.OUT_OF_MEMORY,
                Failures.classify(new RuntimeException("CUDA out of memory. Tried to allocate 2.00 GiB")).kind());
    }

    @Test
    void otherEngineErrorsAndBugsAreNamedAsSuch() {
        assertEquals(GiaException.Kind.ENGINE, Failures.classify(new EngineException("Expected 4-dimensional input")).kind());
        assertEquals(GiaException.Kind.INTERNAL, Failures.classify(new IllegalStateException("oops")).kind());
        GiaException user = GiaException.badInput("bad", "fix it");
        assertSame(user, Failures.classify(user));
    }
}
