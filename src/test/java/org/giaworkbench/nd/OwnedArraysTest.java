package org.giaworkbench.nd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.giaworkbench.compute.EngineBootstrap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OwnedArraysTest {

    private static NDManager manager;

    @BeforeAll
    static void start() {
        EngineBootstrap.start();
        manager = NDManager.newBaseManager(Device.cpu());
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    private static float[] ramp(int n, float offset) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = offset + i * 0.25f;
        }
        return v;
    }

    /**
     * Every array is staged through the same per-thread buffer: if an array still pointed at it, making
     * the next one would change the first. Then the Java side is made as hostile as it can be: the garbage
     * collector runs and fresh direct buffers are filled with NaN, which would land in freed Java memory.
     */
    @Test
    void arraysKeepTheirValuesWhenTheStagingMemoryIsReusedAndJavaMemoryIsFreed() {
        try (NDManager m = manager.newSubManager()) {
            List<NDArray> arrays = new ArrayList<>();
            for (int k = 0; k < 50; k++) {
                arrays.add(OwnedArrays.of(m, ramp(1000, k), new Shape(10, 100)));
            }
            for (int round = 0; round < 3; round++) {
                System.gc();
                List<ByteBuffer> junk = new ArrayList<>();
                for (int j = 0; j < 20; j++) {
                    ByteBuffer b = ByteBuffer.allocateDirect(4000).order(ByteOrder.nativeOrder());
                    while (b.remaining() >= 4) {
                        b.putFloat(Float.NaN);
                    }
                    junk.add(b);
                }
            }
            for (int k = 0; k < arrays.size(); k++) {
                assertArrayEquals(ramp(1000, k), arrays.get(k).toFloatArray(), "array " + k);
            }
        }
    }

    @Test
    void writeCopiesIntoTheSameTensorAndKeepsItTrainable() {
        try (NDManager m = manager.newSubManager()) {
            NDArray weight = m.zeros(new Shape(4, 3));
            weight.setRequiresGradient(true);
            String uid = weight.getUid();
            float[] values = ramp(12, -1f);
            OwnedArrays.write(weight, values);
            values[0] = 99f; // the caller's array is not the tensor's memory
            assertArrayEquals(ramp(12, -1f), weight.toFloatArray());
            assertEquals(uid, weight.getUid());
            assertTrue(weight.hasGradient(), "still a leaf that requires a gradient");

            NDArray doubles = m.zeros(new Shape(2, 2), DataType.FLOAT64);
            OwnedArrays.write(doubles, new float[] {1.5f, -2f, 3f, 0.25f});
            assertArrayEquals(new double[] {1.5, -2, 3, 0.25}, doubles.toDoubleArray());
            // Writes leave no temporaries behind in the target's manager (training writes every batch).
            int live = ((BaseNDManager) m).getManagedArrays().size();
            for (int i = 0; i < 10; i++) {
                OwnedArrays.write(doubles, new float[] {i, i, i, i});
                OwnedArrays.write(weight, values);
            }
            assertEquals(live, ((BaseNDManager) m).getManagedArrays().size());

            assertThrows(IllegalArgumentException.class, () -> OwnedArrays.write(weight, new float[5]));
        }
    }

    @Test
    void scalarsKeepDoublePrecisionAndTheirType() {
        try (NDManager m = manager.newSubManager()) {
            NDArray d = OwnedArrays.scalar(m, 0.1, DataType.FLOAT64);
            assertEquals(0.1, d.getDouble(), 0.0);
            NDArray f = OwnedArrays.scalar(m, 1e-4, DataType.FLOAT32);
            assertEquals(DataType.FLOAT32, f.getDataType());
            assertEquals(1e-4f, f.getFloat(), 0f);
            assertTrue(f.getShape().isScalar());
        }
    }

    @Test
    void decodedArraysAreCopiesWithTheirNames() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (NDManager m = manager.newSubManager()) {
            NDArray a = OwnedArrays.of(m, ramp(6, 2f), new Shape(2, 3));
            a.setName("conv.weight");
            NDArray b = OwnedArrays.of(m, new long[] {7, 8}, new Shape(2));
            b.setName("steps");
            new NDList(a, b).encode(out, NDList.Encoding.NPZ);
        }
        try (NDManager m = manager.newSubManager()) {
            NDList decoded = OwnedArrays.decode(m, out.toByteArray());
            System.gc();
            NDArray w = decoded.stream().filter(x -> x.getName().startsWith("conv.weight")).findFirst().orElseThrow();
            assertArrayEquals(ramp(6, 2f), w.toFloatArray());
            assertEquals(new Shape(2, 3), w.getShape());
            NDArray s = decoded.stream().filter(x -> x.getName().startsWith("steps")).findFirst().orElseThrow();
            assertArrayEquals(new long[] {7, 8}, s.toLongArray());
            assertEquals(m, w.getManager());
        }
    }

    @Test
    void offsetsAndSizesAreChecked() {
        try (NDManager m = manager.newSubManager()) {
            float[] v = ramp(10, 0f);
            assertArrayEquals(new float[] {1f, 1.25f, 1.5f}, OwnedArrays.of(m, v, 4, new Shape(3)).toFloatArray());
            assertThrows(IllegalArgumentException.class, () -> OwnedArrays.of(m, v, new Shape(3, 3)));
        }
    }

    /** The engine this project starts runs CPU convolutions on ATen's kernels (see {@link CpuKernels}). */
    @Test
    void theStartedEngineHasOneDnnOff() {
        assertEquals(Optional.of(false), CpuKernels.oneDnnEnabled(), CpuKernels.state());
    }
}
