package org.giaworkbench.perceptual;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.nd.OwnedArrays;

/** Named float32 arrays read from a numpy {@code .npz} (PyTorch state-dict names), owned by one manager. */
final class Weights {

    private final Map<String, NDArray> arrays;
    private final String origin;

    private Weights(Map<String, NDArray> arrays, String origin) {
        this.arrays = arrays;
        this.origin = origin;
    }

    static Weights resource(String name, NDManager manager) {
        try (InputStream in = Weights.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource " + name + " is missing from the build");
            }
            return read(in.readAllBytes(), "bundled " + name, manager);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled resource " + name, e);
        }
    }

    static Weights file(Path path, NDManager manager) {
        if (!Files.isRegularFile(path)) {
            throw GiaException.badInput("backbone weights " + path + " do not exist",
                    "give a .npz made by tools/export_lpips_backbone.py (see the README, LPIPS)");
        }
        try {
            return read(Files.readAllBytes(path), path.toString(), manager);
        } catch (IOException e) {
            throw GiaException.badInput("cannot read backbone weights " + path + ": " + e.getMessage(), "check the file");
        }
    }

    private static Weights read(byte[] bytes, String origin, NDManager manager) {
        NDList list;
        try {
            list = OwnedArrays.decode(manager, bytes);
        } catch (RuntimeException e) {
            throw GiaException.badInput("cannot read weights " + origin + ": not a numpy .npz file (" + e.getMessage() + ")",
                    "give a .npz saved with numpy.savez from a PyTorch state_dict");
        }
        Map<String, NDArray> map = new HashMap<>();
        for (NDArray a : list) {
            String key = a.getName() == null ? "" : a.getName().replaceAll("\\.npy$", "");
            map.put(key, a.getDataType() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false));
        }
        return new Weights(map, origin);
    }

    /** The array {@code name}, which must have {@code shape}; a clear error names what is wrong. */
    NDArray get(String name, long... shape) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw GiaException.badInput("weights " + origin + " have no array '" + name + "'",
                    "the file must hold torchvision state-dict names, e.g. features.0.weight");
        }
        if (!a.getShape().equals(new Shape(shape))) {
            throw GiaException.badInput("weights " + origin + ": '" + name + "' has shape " + a.getShape() + ", expected "
                    + new Shape(shape), "use weights of the standard torchvision architecture");
        }
        return a;
    }

    String origin() {
        return origin;
    }
}
