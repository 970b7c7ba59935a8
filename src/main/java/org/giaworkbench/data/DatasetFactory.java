package org.giaworkbench.data;

import java.nio.file.Path;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.spec.DataSpec;

/** Opens the dataset a spec names, and the normalisation it asks for. */
public final class DatasetFactory {

    private DatasetFactory() {
    }

    /** Sources that need no data.path: shipped inside the jar. */
    public static final java.util.Set<String> BUNDLED_SOURCES = java.util.Set.of("bundled-cifar10", "bundled-imagenet",
            "bundled-celeba");

    /** The dataset of {@code spec}, narrowed to the label-distinct subset when {@code data.subset} asks for one. */
    public static Dataset open(DataSpec spec) {
        Dataset all = openAll(spec);
        Integer subset = spec.subset();
        return subset == null || subset == 0 ? all : LabelDistinctSubset.of(all, subset);
    }

    private static Dataset openAll(DataSpec spec) {
        if (spec.resolution() < 8 || spec.resolution() > 1024) {
            throw GiaException.badInput("data.resolution must be between 8 and 1024, got " + spec.resolution(), "");
        }
        String source = spec.source() == null ? "bundled-cifar10" : spec.source();
        if (!BUNDLED_SOURCES.contains(source) && (spec.path() == null || spec.path().isBlank())) {
            throw GiaException.badInput("data.source=" + source + " needs data.path", "e.g. --set data.path=/data/cifar-10-batches-bin");
        }
        CifarBinaryDataset.Options cifar = CifarBinaryDataset.Options.DEFAULT.withResolution(spec.resolution());
        return switch (source) {
            case "bundled-cifar10" -> BundledDataset.cifar10(spec.resolution());
            case "cifar10" -> CifarBinaryDataset.open(Path.of(spec.path()), CifarLayout.CIFAR10, cifar);
            case "cifar100" -> CifarBinaryDataset.open(Path.of(spec.path()), CifarLayout.CIFAR100, cifar);
            case "image-folder" -> ImageFolderDataset.open(Path.of(spec.path()), spec.resolution());
            case "bundled-imagenet" -> BundledImageSets.imagenet(spec.resolution());
            case "bundled-celeba" -> BundledImageSets.celeba(spec.resolution());
            case "imagenet" -> ImageNetDataset.open(Path.of(spec.path()), spec.resolution());
            case "celeba" -> CelebADataset.open(Path.of(spec.path()), spec.resolution());
            default -> throw GiaException.badInput("unknown data.source '" + source + "'",
                    "choose bundled-cifar10, bundled-imagenet, bundled-celeba, cifar10, cifar100, imagenet, celeba "
                            + "or image-folder");
        };
    }

    public static Normalization normalization(DataSpec spec) {
        String n = spec.normalization() == null ? "cifar10" : spec.normalization();
        return switch (n) {
            case "cifar10" -> Normalization.CIFAR10;
            case "imagenet" -> Normalization.IMAGENET;
            case "none" -> Normalization.NONE;
            default -> throw GiaException.badInput("unknown data.normalization '" + n + "'", "choose cifar10, imagenet or none");
        };
    }
}
