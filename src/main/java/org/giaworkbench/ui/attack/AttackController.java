package org.giaworkbench.ui.attack;

import java.util.HashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.MapChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.AbstractPropertyEditor;
import org.controlsfx.property.editor.Editors;
import org.controlsfx.property.editor.PropertyEditor;
import org.giaworkbench.plugin.ParamSpec;
import org.giaworkbench.plugin.PluginDescriptor;
import org.giaworkbench.ui.fx.Messages;

/**
 * Binds the attack pane to its {@link AttackModel}. The parameter form is a ControlsFX PropertySheet
 * generated from the chosen attack's schema; numbers are edited as text and checked on every key so
 * that an invalid value is marked at once and Run stays disabled until it is fixed.
 */
public final class AttackController {

    private final AttackModel model;
    private final Map<String, TextField> numberEditors = new HashMap<>();

    @FXML private ComboBox<PluginDescriptor> attackBox;
    @FXML private ComboBox<String> labelsBox;
    @FXML private Label familyLabel;
    @FXML private Label summaryLabel;
    @FXML private Label citationLabel;
    @FXML private Label threatLabel;
    @FXML private VBox sheetHolder;
    @FXML private Label problemLabel;

    public AttackController(AttackModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        attackBox.setItems(model.attacks());
        attackBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(PluginDescriptor d) {
                return d == null ? "" : d.family() + " \u00b7 " + d.name();
            }

            @Override
            public PluginDescriptor fromString(String s) {
                return null;
            }
        });
        attackBox.valueProperty().bindBidirectional(model.attackProperty());
        labelsBox.setItems(FXCollections.observableArrayList(AttackModel.LABEL_CHOICES));
        labelsBox.valueProperty().bindBidirectional(model.labelsProperty());
        familyLabel.textProperty().bind(describe(d -> Messages.get("attack.family", d.family())));
        summaryLabel.textProperty().bind(describe(PluginDescriptor::summary));
        citationLabel.textProperty().bind(describe(PluginDescriptor::citation));
        threatLabel.textProperty().bind(model.threatModelProperty());
        problemLabel.textProperty().bind(model.problemTextProperty());
        problemLabel.visibleProperty().bind(model.problemTextProperty().isNotEmpty());
        problemLabel.managedProperty().bind(problemLabel.visibleProperty());

        model.attackProperty().addListener((obs, was, now) -> buildSheet(now));
        // A spec opened from a file replaces the values of the same attack: the editors must follow.
        model.values().addListener((MapChangeListener<String, Object>) c -> syncEditor(c.getKey()));
        model.problems().addListener((MapChangeListener<String, String>) c -> markEditor(c.getKey()));
        buildSheet(model.attackProperty().get());
    }

    private ObservableValue<String> describe(java.util.function.Function<PluginDescriptor, String> text) {
        return Bindings.createStringBinding(() -> model.attackProperty().get() == null ? ""
                : text.apply(model.attackProperty().get()), model.attackProperty());
    }

    private void buildSheet(PluginDescriptor d) {
        numberEditors.clear();
        PropertySheet sheet = new PropertySheet();
        sheet.setId("paramSheet");
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.NAME);
        sheet.setPropertyEditorFactory(item -> editorFor((ParamItem) item));
        if (d != null) {
            for (ParamSpec p : d.schema().params()) {
                sheet.getItems().add(new ParamItem(p, model));
            }
        }
        VBox.setVgrow(sheet, Priority.ALWAYS);
        sheetHolder.getChildren().setAll(sheet);
        numberEditors.keySet().forEach(this::markEditor);
    }

    private PropertyEditor<?> editorFor(ParamItem item) {
        ParamSpec p = item.spec();
        return switch (p.type()) {
            case BOOLEAN -> Editors.createCheckEditor(item);
            case CHOICE -> Editors.createChoiceEditor(item, p.choices());
            case INT, DOUBLE -> {
                TextEditor editor = new TextEditor(item);
                editor.getEditor().setId("param-" + p.key());
                numberEditors.put(p.key(), editor.getEditor());
                markEditor(p.key());
                yield editor;
            }
        };
    }

    private void syncEditor(String key) {
        TextField field = numberEditors.get(key);
        Object v = model.values().get(key);
        if (field != null && v != null && !field.getText().equals(v.toString())) {
            field.setText(v.toString());
        }
    }

    private void markEditor(String key) {
        TextField field = numberEditors.get(key);
        if (field == null) {
            return;
        }
        String problem = model.problem(key);
        field.getStyleClass().remove("gia-invalid");
        if (problem != null) {
            field.getStyleClass().add("gia-invalid");
        }
        field.setTooltip(problem == null ? null : new javafx.scene.control.Tooltip(problem));
    }

    /** A plain text field: the value is whatever was typed, validated by the model. */
    private static final class TextEditor extends AbstractPropertyEditor<String, TextField> {
        TextEditor(PropertySheet.Item item) {
            super(item, new TextField());
        }

        @Override
        protected ObservableValue<String> getObservableValue() {
            return getEditor().textProperty();
        }

        @Override
        public void setValue(String value) {
            getEditor().setText(value == null ? "" : value);
        }
    }
}
