package org.giaworkbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Several copies of one architecture in one graph, so that independent trials (restarts, sweep cells)
 * share every kernel launch on a GPU. Copy k reads input channels {@code [k*C, (k+1)*C)}; every
 * convolution is grouped by copy, BatchNorm is per channel anyway, and the linear layers are
 * {@link GroupedLinear}s. Each parameter holds the copies' values stacked along its first axis, so the
 * gradient of the sum of the copies' losses, sliced the same way, is each copy's own gradient: no
 * per-sample-gradient machinery is needed. The copies may have different weights (e.g. cells of a
 * sweep over the model seed).
 */
public final class Replicas {

    private Replicas() {
    }

    /** Whether {@code model} can be stacked: a built-in CIFAR-size architecture built from a spec. */
    public static boolean supports(GiaModel model) {
        return model.recipe() != null && model.replicas() == 1 && ModelFactory.STACKABLE.contains(model.arch());
    }

    /** Whether the models are copies of one architecture that can run side by side (weights may differ). */
    public static boolean compatible(List<GiaModel> models) {
        if (models.isEmpty() || !models.stream().allMatch(Replicas::supports)) {
            return false;
        }
        GiaModel.Recipe first = models.get(0).recipe();
        for (GiaModel m : models) {
            GiaModel.Recipe r = m.recipe();
            if (!Objects.equals(r.spec().arch(), first.spec().arch())
                    || !Objects.equals(r.spec().activation(), first.spec().activation())
                    || !Objects.equals(r.spec().batchNorm(), first.spec().batchNorm())
                    || r.numClasses() != first.numClasses() || r.channels() != first.channels()
                    || r.resolution() != first.resolution() || m.dataType() != models.get(0).dataType()) {
                return false;
            }
        }
        return true;
    }

    /**
     * One graph holding {@code models} side by side, copy k with the current weights and BatchNorm
     * statistics of {@code models.get(k)}, in {@code manager}.
     */
    public static GiaModel stack(List<GiaModel> models, NDManager manager) {
        if (!compatible(models)) {
            throw new IllegalArgumentException("models cannot be stacked: " + models.stream().map(GiaModel::arch).toList());
        }
        GiaModel stacked = ModelFactory.buildReplicas(models.get(0).recipe(), models.size(), manager);
        List<List<NDArray>> perModel = new ArrayList<>();
        for (GiaModel m : models) {
            List<NDArray> arrays = new ArrayList<>();
            m.forEachParameter((name, array) -> arrays.add(array));
            perModel.add(arrays);
        }
        List<NDArray> targets = new ArrayList<>();
        stacked.forEachParameter((name, array) -> targets.add(array));
        try (NDManager scope = manager.newSubManager()) {
            for (int i = 0; i < targets.size(); i++) {
                NDList parts = new NDList();
                for (List<NDArray> arrays : perModel) {
                    parts.add(arrays.get(i));
                }
                NDArray joined = NDArrays.concat(parts, 0);
                joined.attach(scope);
                org.giaworkbench.nd.OwnedArrays.write(targets.get(i), joined);
            }
        }
        return stacked;
    }
}
