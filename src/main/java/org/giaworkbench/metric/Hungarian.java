package org.giaworkbench.metric;

import java.util.Arrays;

/**
 * Minimum-cost perfect assignment on a square cost matrix: the Hungarian method in its O(n^3)
 * form with row and column potentials and one shortest augmenting path per row (Kuhn-Munkres with
 * Dijkstra-like updates of the reduced costs).
 */
public final class Hungarian {

    private Hungarian() {
    }

    /**
     * Returns {@code assignment} with row {@code i} assigned to column {@code assignment[i]}, a
     * permutation minimising the sum of {@code cost[i][assignment[i]]}. Costs must be finite.
     */
    public static int[] solve(double[][] cost) {
        int n = cost.length;
        for (int i = 0; i < n; i++) {
            if (cost[i] == null || cost[i].length != n) {
                throw new IllegalArgumentException("cost matrix must be square: row " + i + " has "
                        + (cost[i] == null ? 0 : cost[i].length) + " entries, expected " + n);
            }
            for (double v : cost[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("cost matrix has a non-finite entry in row " + i + ": " + v);
                }
            }
        }
        if (n == 0) {
            return new int[0];
        }
        // Index 0 of the column arrays is a virtual column that holds the row being inserted; real
        // rows and columns are 1-based so that "unmatched" can be 0.
        double[] rowPot = new double[n + 1];
        double[] colPot = new double[n + 1];
        int[] rowOfCol = new int[n + 1];
        int[] prevCol = new int[n + 1];
        double[] slack = new double[n + 1];
        boolean[] done = new boolean[n + 1];
        for (int row = 1; row <= n; row++) {
            rowOfCol[0] = row;
            int col = 0;
            Arrays.fill(slack, Double.POSITIVE_INFINITY);
            Arrays.fill(done, false);
            // Grow a tree of tight edges until it reaches a free column.
            do {
                done[col] = true;
                int r = rowOfCol[col];
                double delta = Double.POSITIVE_INFINITY;
                int nextCol = -1;
                for (int j = 1; j <= n; j++) {
                    if (done[j]) {
                        continue;
                    }
                    double reduced = cost[r - 1][j - 1] - rowPot[r] - colPot[j];
                    if (reduced < slack[j]) {
                        slack[j] = reduced;
                        prevCol[j] = col;
                    }
                    if (slack[j] < delta) {
                        delta = slack[j];
                        nextCol = j;
                    }
                }
                // Shift potentials so that the cheapest frontier edge becomes tight, keeping the rest feasible.
                for (int j = 0; j <= n; j++) {
                    if (done[j]) {
                        rowPot[rowOfCol[j]] += delta;
                        colPot[j] -= delta;
                    } else {
                        slack[j] -= delta;
                    }
                }
                col = nextCol;
            } while (rowOfCol[col] != 0);
            // Flip the matching along the path back to the virtual column.
            do {
                int p = prevCol[col];
                rowOfCol[col] = rowOfCol[p];
                col = p;
            } while (col != 0);
        }
        int[] assignment = new int[n];
        for (int j = 1; j <= n; j++) {
            assignment[rowOfCol[j] - 1] = j - 1;
        }
        return assignment;
    }

    /** Sum of {@code cost[i][assignment[i]]}. */
    public static double totalCost(double[][] cost, int[] assignment) {
        double s = 0;
        for (int i = 0; i < assignment.length; i++) {
            s += cost[i][assignment[i]];
        }
        return s;
    }
}
