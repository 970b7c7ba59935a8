package org.giaworkbench.ui.history;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import org.giaworkbench.store.RunSummary;
import org.giaworkbench.store.StoredStatus;
import org.giaworkbench.ui.fx.Messages;
import org.giaworkbench.ui.run.RunRecord;

/**
 * The history pane: the stored runs in a sortable table with filters and a search field; open one in
 * the run pane, compare two to four, delete with a confirmation. The model does the store work.
 */
public final class HistoryController {

    private final HistoryModel model;
    private final Consumer<RunRecord> openInRunPane;

    @FXML private ComboBox<String> attackFilter;
    @FXML private ComboBox<String> modelFilter;
    @FXML private ComboBox<String> datasetFilter;
    @FXML private ComboBox<String> statusFilter;
    @FXML private DatePicker fromFilter;
    @FXML private DatePicker toFilter;
    @FXML private TextField searchField;
    @FXML private Button refreshButton;
    @FXML private Button openRunButton;
    @FXML private Button compareButton;
    @FXML private Button deleteButton;
    @FXML private TableView<RunSummary> runTable;
    @FXML private TableColumn<RunSummary, Long> idColumn;
    @FXML private TableColumn<RunSummary, java.time.Instant> dateColumn;
    @FXML private TableColumn<RunSummary, String> attackColumn;
    @FXML private TableColumn<RunSummary, String> modelColumn;
    @FXML private TableColumn<RunSummary, String> datasetColumn;
    @FXML private TableColumn<RunSummary, Integer> batchColumn;
    @FXML private TableColumn<RunSummary, StoredStatus> statusColumn;
    @FXML private TableColumn<RunSummary, Double> psnrColumn;
    @FXML private TableColumn<RunSummary, Double> ssimColumn;
    @FXML private TableColumn<RunSummary, Double> durationColumn;
    @FXML private TableColumn<RunSummary, String> cellColumn;
    @FXML private Label historyMessage;

    public HistoryController(HistoryModel model, Consumer<RunRecord> openInRunPane) {
        this.model = model;
        this.openInRunPane = openInRunPane;
    }

    @FXML
    private void initialize() {
        anyOf(attackFilter, model.attacks(), model.attackProperty());
        anyOf(modelFilter, model.models(), model.modelProperty());
        anyOf(datasetFilter, model.datasets(), model.datasetProperty());
        ObservableList<String> statuses = FXCollections.observableArrayList();
        for (StoredStatus s : StoredStatus.values()) {
            statuses.add(s.key());
        }
        StringProperty statusKey = new javafx.beans.property.SimpleStringProperty();
        anyOf(statusFilter, statuses, statusKey);
        model.statusProperty().bind(Bindings.createObjectBinding(
                () -> statusKey.get() == null || statusKey.get().isEmpty() ? null : StoredStatus.parse(statusKey.get()), statusKey));
        model.fromProperty().bind(fromFilter.valueProperty());
        model.toProperty().bind(toFilter.valueProperty());
        model.searchProperty().bind(searchField.textProperty());

        column(idColumn, RunSummary::id, v -> "#" + v);
        column(dateColumn, RunSummary::createdAt, HistoryFormat::date);
        column(attackColumn, RunSummary::attack, v -> v);
        column(modelColumn, RunSummary::model, v -> v);
        column(datasetColumn, RunSummary::dataset, v -> v);
        column(batchColumn, RunSummary::batch, String::valueOf);
        column(statusColumn, RunSummary::status, s -> Messages.get("state." + s.key()));
        column(psnrColumn, RunSummary::psnrMean, v -> HistoryFormat.number(v, 2));
        column(ssimColumn, RunSummary::ssimMean, v -> HistoryFormat.number(v, 3));
        column(durationColumn, RunSummary::wallSeconds, HistoryFormat::duration);
        column(cellColumn, r -> r.cellKey() == null ? "" : r.cellKey(), v -> v);
        // NaN sorts below every number, so runs without a metric gather at one end.
        java.util.Comparator<Double> nanLow = (a, b) -> Double.compare(Double.isNaN(a) ? Double.NEGATIVE_INFINITY : a,
                Double.isNaN(b) ? Double.NEGATIVE_INFINITY : b);
        psnrColumn.setComparator(nanLow);
        ssimColumn.setComparator(nanLow);
        durationColumn.setComparator(nanLow);

        SortedList<RunSummary> sorted = new SortedList<>(model.filtered());
        sorted.comparatorProperty().bind(runTable.comparatorProperty());
        runTable.setItems(sorted);
        runTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        runTable.setPlaceholder(new Label(Messages.get("history.empty")));
        runTable.setRowFactory(table -> {
            TableRow<RunSummary> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    model.open(row.getItem().id(), openInRunPane);
                }
            });
            return row;
        });
        ObservableList<RunSummary> selected = runTable.getSelectionModel().getSelectedItems();
        Runnable enable = () -> {
            int n = selected.size();
            openRunButton.setDisable(n != 1);
            compareButton.setDisable(n < HistoryModel.COMPARE_MIN || n > HistoryModel.COMPARE_MAX);
            deleteButton.setDisable(n == 0);
        };
        selected.addListener((ListChangeListener<RunSummary>) c -> enable.run());
        enable.run();
        refreshButton.disableProperty().bind(model.loadingProperty());
        historyMessage.textProperty().bind(model.messageProperty());
    }

    /** A filter combo: "any" (the empty string) and then the values; its choice goes to {@code target}. */
    private static void anyOf(ComboBox<String> combo, ObservableList<String> values, StringProperty target) {
        ObservableList<String> items = FXCollections.observableArrayList("");
        items.addAll(values);
        values.addListener((ListChangeListener<String>) c -> {
            String keep = combo.getValue();
            items.setAll("");
            items.addAll(values);
            combo.setValue(items.contains(keep) ? keep : "");
        });
        combo.setItems(items);
        combo.setValue("");
        Function<String, String> show = v -> v == null || v.isEmpty() ? Messages.get("history.any") : v;
        combo.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : show.apply(v));
            }
        });
        combo.setButtonCell(combo.getCellFactory().call(null));
        target.bind(combo.valueProperty());
    }

    private static <T> void column(TableColumn<RunSummary, T> column, Function<RunSummary, T> value, Function<T, String> text) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(T v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : text.apply(v));
            }
        });
    }

    private List<Long> selectedIds() {
        return runTable.getSelectionModel().getSelectedItems().stream().map(RunSummary::id).toList();
    }

    @FXML
    private void onRefresh() {
        model.refresh();
    }

    @FXML
    private void onOpen() {
        List<Long> ids = selectedIds();
        if (ids.size() == 1) {
            model.open(ids.get(0), openInRunPane);
        }
    }

    @FXML
    private void onCompare() {
        model.compare(selectedIds(), records -> CompareView.show(runTable.getScene().getWindow(), records));
    }

    @FXML
    private void onDelete() {
        List<Long> ids = selectedIds();
        if (ids.isEmpty()) {
            return;
        }
        ButtonType delete = new ButtonType(Messages.get("history.delete.confirm"), ButtonBar.ButtonData.OK_DONE);
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, Messages.get("history.delete.text", ids.size(),
                ids.stream().map(id -> "#" + id).collect(java.util.stream.Collectors.joining(", "))), delete, ButtonType.CANCEL);
        confirm.setTitle(Messages.get("history.delete.title"));
        confirm.setHeaderText(Messages.get("history.delete.header", ids.size()));
        confirm.initOwner(runTable.getScene().getWindow());
        confirm.getDialogPane().getStylesheets().setAll(runTable.getScene().getStylesheets());
        confirm.getDialogPane().setId("deleteDialog");
        if (confirm.showAndWait().orElse(ButtonType.CANCEL) == delete) {
            model.delete(ids, () -> { });
        }
    }
}
