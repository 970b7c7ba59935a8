package org.giaworkbench.ui.attack;

import java.util.Optional;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;
import org.giaworkbench.plugin.ParamSpec;

/** One attack parameter as a PropertySheet row; reads and writes the {@link AttackModel}. */
final class ParamItem implements PropertySheet.Item {

    private final ParamSpec spec;
    private final AttackModel model;

    ParamItem(ParamSpec spec, AttackModel model) {
        this.spec = spec;
        this.model = model;
    }

    ParamSpec spec() {
        return spec;
    }

    @Override
    public Class<?> getType() {
        return spec.type() == ParamSpec.Type.BOOLEAN ? Boolean.class : String.class;
    }

    @Override
    public String getCategory() {
        return spec.type() == ParamSpec.Type.BOOLEAN ? "Switches" : "Values";
    }

    @Override
    public String getName() {
        return spec.key();
    }

    @Override
    public String getDescription() {
        String range = spec.type() == ParamSpec.Type.BOOLEAN ? "" : " Range: " + spec.rangeText() + ".";
        return spec.help() + "." + range + " Default: " + spec.defaultValue() + ".";
    }

    @Override
    public Object getValue() {
        return model.values().get(spec.key());
    }

    @Override
    public void setValue(Object value) {
        model.set(spec.key(), value);
    }

    @Override
    public Optional<ObservableValue<? extends Object>> getObservableValue() {
        return Optional.empty();
    }
}
