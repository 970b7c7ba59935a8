package org.giaworkbench.ui.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.core.spec.DataSpec;
import org.giaworkbench.data.BatchBuilder;
import org.giaworkbench.data.BatchRequest;
import org.giaworkbench.data.Dataset;
import org.giaworkbench.data.DatasetFactory;
import org.giaworkbench.data.LabeledBatch;
import org.giaworkbench.ui.fx.Messages;

/**
 * The dataset pane's state: the {@code data} section of the spec, and a preview of the batch it
 * draws. The preview is read on {@code background} and published on {@code ui}; a newer request
 * makes older results stale, so a fast typist never sees an old batch.
 */
public final class DatasetModel {

    public static final List<String> SOURCES = List.of("bundled-cifar10", "bundled-imagenet", "bundled-celeba", "cifar10",
            "cifar100", "imagenet", "celeba", "image-folder");
    public static final List<String> NORMALIZATIONS = List.of("cifar10", "imagenet", "none");

    /** One image of the previewed batch. */
    public record Thumbnail(ImageBatch batch, int position, int label, String labelName, int datasetIndex) {
    }

    private final StringProperty source = new SimpleStringProperty(this, "source", "bundled-cifar10");
    private final StringProperty path = new SimpleStringProperty(this, "path", "");
    private final IntegerProperty resolution = new SimpleIntegerProperty(this, "resolution", 32);
    private final IntegerProperty batch = new SimpleIntegerProperty(this, "batch", 1);
    private final IntegerProperty sameLabel = new SimpleIntegerProperty(this, "sameLabel", 0);
    private final IntegerProperty seed = new SimpleIntegerProperty(this, "seed", 0);
    /** The dataset index forced to be the first image; empty for a free draw. */
    private final StringProperty index = new SimpleStringProperty(this, "index", "");
    private final StringProperty normalization = new SimpleStringProperty(this, "normalization", "cifar10");
    /** data.subset: 0 draws from the whole dataset, n from a fixed label-distinct subset of n images. */
    private final IntegerProperty subset = new SimpleIntegerProperty(this, "subset", 0);

    private final ObservableList<Thumbnail> thumbnails = FXCollections.observableArrayList();
    private final StringProperty description = new SimpleStringProperty(this, "description", "");
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading", false);
    private final IntegerProperty numClasses = new SimpleIntegerProperty(this, "numClasses", 10);
    private final BooleanBinding valid;

    private final Executor background;
    private final Executor ui;
    private final AtomicLong generation = new AtomicLong();
    private boolean applying;

    public DatasetModel(Executor background, Executor ui) {
        this.background = background;
        this.ui = ui;
        valid = Bindings.createBooleanBinding(() -> error.get().isEmpty() && !loading.get(), error, loading);
        ChangeListener<Object> refresh = (obs, was, now) -> {
            if (!applying) {
                refresh();
            }
        };
        for (var p : List.of(source, path, resolution, batch, sameLabel, seed, index, subset)) {
            p.addListener(refresh);
        }
    }

    /** Reads the batch the current settings draw, off the calling thread. */
    public void refresh() {
        long ticket = generation.incrementAndGet();
        DataSpec spec;
        try {
            spec = toSpec();
        } catch (GiaException e) {
            publishError(ticket, e);
            return;
        }
        loading.set(true);
        background.execute(() -> {
            if (generation.get() != ticket) {
                return;
            }
            try {
                Dataset dataset = DatasetFactory.open(spec);
                LabeledBatch drawn = BatchBuilder.forDataset(dataset).build(new BatchRequest(spec.batch(), spec.sameLabel(),
                        spec.seed(), spec.index()));
                List<Thumbnail> thumbs = new ArrayList<>();
                int[] labels = drawn.labels();
                int[] indices = drawn.datasetIndices();
                for (int i = 0; i < drawn.size(); i++) {
                    thumbs.add(new Thumbnail(drawn.images(), i, labels[i], dataset.classNames().get(labels[i]), indices[i]));
                }
                String text = dataset.description();
                int classes = dataset.numClasses();
                ui.execute(() -> {
                    if (generation.get() == ticket) {
                        thumbnails.setAll(thumbs);
                        description.set(text);
                        numClasses.set(classes);
                        error.set("");
                        loading.set(false);
                    }
                });
            } catch (GiaException e) {
                publishError(ticket, e);
            } catch (RuntimeException e) {
                publishError(ticket, new GiaException(GiaException.Kind.BAD_INPUT, String.valueOf(e.getMessage()), ""));
            }
        });
    }

    private void publishError(long ticket, GiaException e) {
        String text = e.hint().isEmpty() ? e.getMessage() : Messages.get("error.withHint", e.getMessage(), e.hint());
        ui.execute(() -> {
            if (generation.get() == ticket) {
                thumbnails.clear();
                description.set("");
                error.set(text);
                loading.set(false);
            }
        });
    }

    /** The {@code data} section these settings stand for. */
    public DataSpec toSpec() {
        String raw = index.get() == null ? "" : index.get().trim();
        Integer first;
        if (raw.isEmpty()) {
            first = null;
        } else {
            try {
                first = Integer.valueOf(raw);
            } catch (NumberFormatException e) {
                throw GiaException.badInput(Messages.get("dataset.error.index", raw), "");
            }
        }
        String p = DatasetFactory.BUNDLED_SOURCES.contains(source.get()) || path.get() == null || path.get().isBlank() ? null : path.get().trim();
        return new DataSpec(source.get(), p, resolution.get(), batch.get(), sameLabel.get(), seed.get(), first,
                normalization.get(), subset.get() == 0 ? null : subset.get());
    }

    /** Shows {@code spec} (from a preset or an opened file) and previews it once. */
    public void apply(DataSpec spec) {
        applying = true;
        try {
            source.set(spec.source() == null ? "bundled-cifar10" : spec.source());
            path.set(spec.path() == null ? "" : spec.path());
            resolution.set(spec.resolution());
            batch.set(spec.batch());
            sameLabel.set(spec.sameLabel());
            seed.set((int) spec.seed());
            index.set(spec.index() == null ? "" : spec.index().toString());
            normalization.set(spec.normalization() == null ? "cifar10" : spec.normalization());
            subset.set(spec.subset() == null ? 0 : spec.subset());
        } finally {
            applying = false;
        }
        refresh();
    }

    public boolean needsPath() {
        return !DatasetFactory.BUNDLED_SOURCES.contains(source.get());
    }

    public StringProperty sourceProperty() {
        return source;
    }

    public StringProperty pathProperty() {
        return path;
    }

    public IntegerProperty resolutionProperty() {
        return resolution;
    }

    public IntegerProperty batchProperty() {
        return batch;
    }

    public IntegerProperty sameLabelProperty() {
        return sameLabel;
    }

    public IntegerProperty subsetProperty() {
        return subset;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    public StringProperty indexProperty() {
        return index;
    }

    public StringProperty normalizationProperty() {
        return normalization;
    }

    public ObservableList<Thumbnail> thumbnails() {
        return thumbnails;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    /** Classes of the previewed dataset (what the model's output layer gets when it names none). */
    public IntegerProperty numClassesProperty() {
        return numClasses;
    }

    /** True when the preview found a usable batch. */
    public BooleanBinding validProperty() {
        return valid;
    }
}
