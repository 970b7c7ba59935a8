package org.giaworkbench.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.giaworkbench.compute.Catalog;
import org.giaworkbench.core.spec.ModelSpec;
import org.giaworkbench.plugin.PluginDescriptor;
import org.junit.jupiter.api.Test;

/** The model pane offers the zoo and "Your own model", which takes a TorchScript file. */
class ModelChoiceModelZooTest {

    @Test
    void zooAndTorchScriptAreChoicesAndTheImportNeedsAPtFile() {
        List<PluginDescriptor> archs = Catalog.models();
        List<String> ids = archs.stream().map(PluginDescriptor::id).toList();
        assertTrue(ids.containsAll(List.of("alexnet", "vgg11", "vgg16", "googlenet", "resnet18", "resnet50", "resnet101",
                "torchscript")), ids.toString());
        ModelChoiceModel m = new ModelChoiceModel(archs, null, Runnable::run, Runnable::run);
        m.archProperty().set(archs.get(ids.indexOf("torchscript")));
        assertEquals(ModelChoiceModel.Weights.FILE, m.weightsProperty().get());
        assertFalse(m.errorProperty().get().isEmpty());
        m.weightsFileProperty().set("/models/mine.npz");
        assertFalse(m.errorProperty().get().isEmpty(), "a .npz is not a TorchScript file");
        m.weightsFileProperty().set("/models/mine.pt");
        assertEquals("", m.errorProperty().get());
        ModelSpec spec = m.toSpec();
        assertEquals("torchscript", spec.arch());
        assertEquals("/models/mine.pt", spec.weights());
        m.archProperty().set(archs.get(ids.indexOf("vgg16")));
        assertFalse(m.errorProperty().get().isEmpty(), "a .pt file is not .npz weights for a built-in model");
    }
}
