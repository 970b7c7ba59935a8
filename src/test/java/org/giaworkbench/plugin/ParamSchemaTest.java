package org.giaworkbench.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.giaworkbench.core.GiaException;
import org.junit.jupiter.api.Test;

class ParamSchemaTest {

    private final ParamSchema schema = ParamSchema.of(
            ParamSpec.integer("iterations", 300, 1, 1000, "steps"),
            ParamSpec.real("lr", 0.1, 1e-6, 10, "", "learning rate"),
            ParamSpec.flag("signed", true, "sign"),
            ParamSpec.choice("mode", "a", List.of("a", "b"), "mode"));

    @Test
    void defaultsFillMissingValuesAndStringsAreCoerced() {
        ParamValues v = schema.validate(Map.of("iterations", "500", "lr", 0.5), "attack x");
        assertEquals(500, v.getInt("iterations"));
        assertEquals(0.5, v.getDouble("lr"));
        assertTrue(v.getBoolean("signed"));
        assertEquals("a", v.getString("mode"));
    }

    @Test
    void invalidValuesAreRejectedWithTheRange() {
        GiaException negative = assertThrows(GiaException.class, () -> schema.validate(Map.of("lr", -0.1), "attack x"));
        assertTrue(negative.getMessage().contains("lr") && negative.getMessage().contains("out of range"), negative.getMessage());
        assertTrue(negative.hint().contains("[1.0E-6, 10.0]"), negative.hint());
        assertThrows(GiaException.class, () -> schema.validate(Map.of("iterations", 2.5), "attack x"));
        assertThrows(GiaException.class, () -> schema.validate(Map.of("signed", "maybe"), "attack x"));
        assertThrows(GiaException.class, () -> schema.validate(Map.of("mode", "c"), "attack x"));
        GiaException unknown = assertThrows(GiaException.class, () -> schema.validate(Map.of("lR", 1), "attack x"));
        assertTrue(unknown.hint().contains("iterations, lr, signed, mode"), unknown.hint());
    }

    @Test
    void problemIsNullForValidValues() {
        assertNull(schema.problem("lr", "0.01"));
        assertTrue(schema.problem("iterations", "0").contains("out of range"));
    }

    @Test
    void theRegistryFindsEveryShippedAttackWithValidDefaults() {
        PluginRegistry registry = PluginRegistry.defaults();
        Set<String> ids = Set.copyOf(registry.attackDescriptors().stream().map(PluginDescriptor::id).toList());
        assertEquals(Set.of("dlg", "idlg", "inverting-gradients", "gradinversion", "robbing-the-fed", "fishing"), ids);
        for (PluginDescriptor d : registry.attackDescriptors()) {
            d.schema().validate(Map.of(), d.id());
            assertTrue(!d.citation().isEmpty(), d.id() + " cites its paper");
        }
        assertThrows(GiaException.class, () -> registry.attack("dlgg"));
    }
}
