package org.giaworkbench.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.giaworkbench.core.GiaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecJsonTest {

    @Test
    void aPartialSpecTakesTheDefaults() {
        ExperimentSpec spec = SpecJson.read("{\"attack\": {\"id\": \"idlg\"}, \"data\": {\"batch\": 4}}");
        assertEquals("idlg", spec.attack().id());
        assertEquals(4, spec.data().batch());
        assertEquals(32, spec.data().resolution());
        assertEquals("bundled-cifar10", spec.data().source());
        assertEquals("lenet-dlg", spec.model().arch());
        assertTrue(spec.attack().params().isEmpty());
    }

    @Test
    void untrainedModelsStartAsTheirReferenceImplementationButStoredRunsKeepTheSchemeTheyRanWith() {
        assertEquals(ModelSpec.INIT_REFERENCE, SpecJson.read("{}").model().init());
        ObjectNode stored = SpecJson.toTree(Presets.load("quickstart-ig"));
        ((ObjectNode) stored.get("model")).remove("init");
        assertEquals(ModelSpec.INIT_WORKBENCH, SpecJson.readStored(stored.toString()).model().init(),
                "a run stored before model.init existed drew its weights with the workbench's scheme");
        ExperimentSpec now = SpecJson.read("{\"model\": {\"init\": \"reference\"}}");
        assertEquals(ModelSpec.INIT_REFERENCE, SpecJson.readStored(SpecJson.write(now)).model().init());
    }

    @Test
    void writeThenReadGivesTheSameSpec() {
        ExperimentSpec spec = Presets.load("quickstart-ig");
        assertEquals(spec, SpecJson.read(SpecJson.write(spec)));
    }

    @Test
    void overridesAddressDottedKeysAndAttackParameters() {
        ObjectNode tree = SpecJson.presetTree("quickstart-dlg");
        SpecJson.applyOverride(tree, "attack.iterations=500");
        SpecJson.applyOverride(tree, "data.batch=4");
        SpecJson.applyOverride(tree, "data.path=/tmp/some folder");
        SpecJson.applyOverride(tree, "model.activation=relu");
        SpecJson.applyOverride(tree, "data.index=null");
        ExperimentSpec spec = SpecJson.bind(tree);
        assertEquals(500, spec.attack().params().get("iterations"));
        assertEquals(4, spec.data().batch());
        assertEquals("/tmp/some folder", spec.data().path());
        assertEquals("relu", spec.model().activation());
        assertNull(spec.data().index());
    }

    @Test
    void changingTheAttackDropsTheOldAttacksParameters() {
        ObjectNode tree = SpecJson.presetTree("quickstart-ig");
        ObjectNode change = SpecJson.parse("{\"attack\": {\"id\": \"dlg\"}}", "test");
        ExperimentSpec spec = SpecJson.bind(mergeInto(tree, change));
        assertEquals("dlg", spec.attack().id());
        assertTrue(spec.attack().params().isEmpty(), "IG's parameters must not leak into DLG: " + spec.attack().params());
    }

    private static ObjectNode mergeInto(ObjectNode base, ObjectNode change) {
        ExperimentSpec merged = SpecJson.bind(base);
        ObjectNode tree = SpecJson.toTree(merged);
        tree.set("attack", change.get("attack"));
        return tree;
    }

    @Test
    void unknownKeysAndBadJsonAreClearErrors() {
        GiaException unknown = assertThrows(GiaException.class, () -> SpecJson.read("{\"data\": {\"batchsize\": 4}}"));
        assertEquals(GiaException.Kind.BAD_INPUT, unknown.kind());
        assertTrue(unknown.getMessage().contains("batchsize"), unknown.getMessage());
        GiaException syntax = assertThrows(GiaException.class, () -> SpecJson.read("{\"data\": "));
        assertTrue(syntax.getMessage().contains("not valid JSON"), syntax.getMessage());
        GiaException noEquals = assertThrows(GiaException.class, () -> SpecJson.applyOverride(SpecJson.parse("{}", "t"), "data.batch"));
        assertTrue(noEquals.getMessage().contains("key=value"));
    }

    @Test
    void missingFilesAndPresetsSayWhatExists(@TempDir Path dir) throws Exception {
        GiaException missing = assertThrows(GiaException.class, () -> SpecJson.read(dir.resolve("nope.json")));
        assertTrue(missing.getMessage().contains("does not exist"));
        GiaException preset = assertThrows(GiaException.class, () -> Presets.load("no-such-preset"));
        assertTrue(preset.hint().contains("quickstart-dlg"), preset.hint());
        Path file = dir.resolve("spec.json");
        Files.writeString(file, SpecJson.write(Presets.load("quickstart-dlg")));
        assertEquals(Presets.load("quickstart-dlg"), SpecJson.read(file));
    }

    @Test
    void everyPresetLoads() {
        for (String name : Presets.names()) {
            assertEquals(name, Presets.load(name).name());
        }
    }
}
