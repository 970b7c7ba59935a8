package org.giaworkbench.data;

import org.giaworkbench.core.GiaException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchBuilderTest {

    private static final Dataset DATA = BundledDataset.cifar10();

    private static LabeledBatch build(int batch, int same, long seed, Integer first) {
        return BatchBuilder.build(DATA, new BatchRequest(batch, same, seed, first));
    }

    private static Map<Integer, Integer> counts(int[] labels) {
        Map<Integer, Integer> m = new TreeMap<>();
        for (int l : labels) {
            m.merge(l, 1, Integer::sum);
        }
        return m;
    }

    private static void assertConsistent(LabeledBatch b) {
        int[] idx = b.datasetIndices();
        assertEquals(idx.length, new HashSet<>(Arrays.stream(idx).boxed().toList()).size(), "no image twice");
        for (int k = 0; k < idx.length; k++) {
            assertEquals(DATA.label(idx[k]), b.labels()[k]);
            assertArrayEquals(DATA.image(idx[k]), b.images().image(k));
        }
    }

    @Test
    void sameRequestGivesSameBatchAndAnotherSeedAnother() {
        LabeledBatch a = build(8, 0, 7, null);
        LabeledBatch b = BatchBuilder.forDataset(DATA).build(new BatchRequest(8, 0, 7, null));
        LabeledBatch fresh = new BatchBuilder(DATA).build(new BatchRequest(8, 0, 7, null));
        assertArrayEquals(a.datasetIndices(), b.datasetIndices());
        assertArrayEquals(a.datasetIndices(), fresh.datasetIndices());
        assertArrayEquals(a.images().pixels(), b.images().pixels());
        assertFalse(Arrays.equals(a.datasetIndices(), build(8, 0, 8, null).datasetIndices()));
        assertConsistent(a);
    }

    @Test
    void sameLabelOneGivesDistinctLabels() {
        for (long seed = 0; seed < 20; seed++) {
            for (int batch = 1; batch <= 10; batch++) {
                int[] labels = build(batch, 1, seed, null).labels();
                assertEquals(batch, Arrays.stream(labels).distinct().count(), Arrays.toString(labels));
            }
        }
        assertEquals(4, Arrays.stream(build(4, 0, 3, null).labels()).distinct().count());
    }

    @Test
    void largerBatchesSpreadLabelsEvenly() {
        LabeledBatch b = build(25, 0, 5, null);
        Map<Integer, Integer> c = counts(b.labels());
        assertEquals(10, c.size());
        int min = c.values().stream().min(Integer::compare).orElseThrow();
        int max = c.values().stream().max(Integer::compare).orElseThrow();
        assertTrue(max - min <= 1, c.toString());
        assertConsistent(b);
    }

    @Test
    void sameLabelFourInBatchOfEight() {
        Set<Integer> sharedSeen = new HashSet<>();
        for (long seed = 0; seed < 30; seed++) {
            LabeledBatch b = build(8, 4, seed, null);
            Map<Integer, Integer> c = counts(b.labels());
            List<Integer> shared = c.entrySet().stream().filter(e -> e.getValue() == 4).map(Map.Entry::getKey).toList();
            assertEquals(1, shared.size(), c.toString());
            assertEquals(5, c.size(), "4 others, distinct and different from the shared one: " + c);
            sharedSeen.add(shared.get(0));
            assertConsistent(b);
        }
        assertTrue(sharedSeen.size() > 3, "the shared class varies with the seed");
    }

    @Test
    void sameLabelWithMoreOthersThanClasses() {
        // 4 share a label, 12 others over the 9 remaining classes: 3 of them twice, and never the shared one.
        Map<Integer, Integer> c = counts(build(16, 4, 1, null).labels());
        int shared = c.entrySet().stream().filter(e -> e.getValue() == 4).findFirst().orElseThrow().getKey();
        c.remove(shared);
        assertEquals(9, c.size());
        assertEquals(12, c.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(c.values().stream().allMatch(v -> v == 1 || v == 2), c.toString());
        assertEquals(List.of(10), List.copyOf(counts(build(10, 10, 1, null).labels()).values()));
    }

    @Test
    void firstIndexIsHonoured() {
        LabeledBatch b = build(6, 0, 3, 123);
        assertEquals(123, b.datasetIndices()[0]);
        assertEquals(6, Arrays.stream(b.labels()).distinct().count());
        LabeledBatch g = build(6, 3, 3, 456);
        assertEquals(456, g.datasetIndices()[0]);
        Map<Integer, Integer> c = counts(g.labels());
        assertEquals(3, c.get(DATA.label(456)), "the first image's label is the shared one");
        assertEquals(4, c.size());
        assertConsistent(g);
        assertArrayEquals(g.datasetIndices(), build(6, 3, 3, 456).datasetIndices());
    }

    @Test
    void invalidRequestsAreBadInputWithHints() {
        List<BatchRequest> bad = List.of(
                new BatchRequest(0, 0, 1, null),
                new BatchRequest(1001, 0, 1, null),
                new BatchRequest(4, 5, 1, null),
                new BatchRequest(200, 101, 1, null),
                new BatchRequest(4, 0, 1, 1000),
                new BatchRequest(4, 0, 1, -1),
                new BatchRequest(4, -2, 1, null));
        for (BatchRequest r : bad) {
            GiaException e = assertThrows(GiaException.class, () -> BatchBuilder.build(DATA, r), r.toString());
            assertEquals(GiaException.Kind.BAD_INPUT, e.kind());
            assertFalse(e.hint().isEmpty(), r.toString());
        }
        assertNotNull(build(1000, 0, 1, null)); // the whole dataset is a valid batch
        assertNotNull(build(200, 100, 1, null));
    }
}
