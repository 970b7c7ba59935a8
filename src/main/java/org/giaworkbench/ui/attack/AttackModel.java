package org.giaworkbench.ui.attack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.giaworkbench.core.spec.AttackSpec;
import org.giaworkbench.plugin.ParamSpec;
import org.giaworkbench.plugin.PluginDescriptor;
import org.giaworkbench.ui.fx.Messages;

/**
 * The attack pane's state: which attack, its parameters as the user typed them (numbers stay text so
 * that a half-typed value can be shown as invalid rather than refused), the problem with each, and
 * what the threat model grants the server.
 */
public final class AttackModel {

    public static final List<String> LABEL_CHOICES = List.of("auto", "known", "unknown");

    private final ObservableList<PluginDescriptor> attacks;
    private final ObjectProperty<PluginDescriptor> attack = new SimpleObjectProperty<>(this, "attack");
    private final ObservableMap<String, Object> values = FXCollections.observableMap(new LinkedHashMap<>());
    private final ObservableMap<String, String> problems = FXCollections.observableMap(new LinkedHashMap<>());
    private final StringProperty labels = new SimpleStringProperty(this, "labels", "auto");
    private final BooleanBinding valid;
    private final StringBinding problemText;
    private final StringBinding threatModel;

    public AttackModel(List<PluginDescriptor> attacks) {
        this.attacks = FXCollections.observableArrayList(attacks);
        attack.addListener((obs, was, now) -> resetValues(now, Map.of()));
        valid = Bindings.createBooleanBinding(() -> attack.get() != null && problems.isEmpty(), attack, problems);
        problemText = Bindings.createStringBinding(() -> String.join("\n", problems.values()), problems);
        threatModel = Bindings.createStringBinding(this::describeThreatModel, attack, labels);
        attack.set(attacks.isEmpty() ? null : attacks.get(0));
    }

    private void resetValues(PluginDescriptor d, Map<String, Object> given) {
        values.clear();
        problems.clear();
        if (d == null) {
            return;
        }
        for (ParamSpec p : d.schema().params()) {
            Object v = given.containsKey(p.key()) ? given.get(p.key()) : p.defaultValue();
            set(p.key(), asEditable(p, v));
        }
    }

    /** Numbers are edited as text; flags and choices keep their type. */
    private static Object asEditable(ParamSpec p, Object v) {
        return switch (p.type()) {
            case INT, DOUBLE -> v == null ? "" : v.toString();
            case BOOLEAN, CHOICE -> v;
        };
    }

    /** Sets one parameter as typed and validates it against the attack's schema. */
    public void set(String key, Object value) {
        values.put(key, value);
        String problem = attack.get() == null ? null : attack.get().schema().problem(key, value);
        if (problem == null) {
            problems.remove(key);
        } else {
            problems.put(key, problem);
        }
    }

    /** The parameter's problem, or null when it is valid. */
    public String problem(String key) {
        return problems.get(key);
    }

    /** The spec's attack section with typed values; only meaningful while {@link #validProperty()} holds. */
    public AttackSpec toSpec() {
        PluginDescriptor d = attack.get();
        return new AttackSpec(d.id(), d.schema().validate(values, "attack " + d.id()).values());
    }

    public void apply(AttackSpec spec, String labelsChoice) {
        attacks.stream().filter(d -> d.id().equals(spec.id())).findFirst().ifPresent(d -> {
            // Selecting a different attack fills in its defaults first; the spec's values then win.
            attack.set(d);
            resetValues(d, spec.params());
        });
        labels.set(labelsChoice == null ? "auto" : labelsChoice);
    }

    /** Whether the server is granted the labels (mirrors fl.ThreatModel, which the UI may not reach). */
    public boolean labelsGranted() {
        boolean assumed = attack.get() != null && attack.get().capabilities().contains("labels-assumed");
        return switch (labels.get()) {
            case "known" -> true;
            case "unknown" -> false;
            default -> assumed;
        };
    }

    private String describeThreatModel() {
        PluginDescriptor d = attack.get();
        if (d == null) {
            return "";
        }
        String labelLine;
        if (labelsGranted()) {
            labelLine = Messages.get("threat.labels.known");
        } else if (d.capabilities().contains("infers-labels")) {
            labelLine = Messages.get("threat.labels.inferred");
        } else if (d.capabilities().contains("labels-optional")) {
            labelLine = Messages.get("threat.labels.optimised");
        } else {
            labelLine = Messages.get("threat.labels.unknown");
        }
        return Messages.get("threat.summary", labelLine);
    }

    public ObservableList<PluginDescriptor> attacks() {
        return attacks;
    }

    public ObjectProperty<PluginDescriptor> attackProperty() {
        return attack;
    }

    public ObservableMap<String, Object> values() {
        return values;
    }

    public ObservableMap<String, String> problems() {
        return problems;
    }

    public StringProperty labelsProperty() {
        return labels;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    /** Every problem, one per line; empty when all values are valid. */
    public StringBinding problemTextProperty() {
        return problemText;
    }

    public StringBinding threatModelProperty() {
        return threatModel;
    }
}
