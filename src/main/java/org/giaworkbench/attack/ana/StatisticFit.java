package org.giaworkbench.attack.ana;

import java.util.Arrays;

/**
 * A distribution the server assumes for an input statistic, fitted on its public sample, and its
 * quantiles (the imprint module's cut-offs).
 */
record StatisticFit(String family, double location, double scale) {

    static StatisticFit fit(String family, double[] values) {
        if (values.length < 2) {
            throw new IllegalArgumentException("need at least two public values to fit a distribution");
        }
        if (family.equals("laplace")) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            double mad = 0;
            for (double v : values) {
                mad += Math.abs(v - median);
            }
            return new StatisticFit(family, median, mad / values.length);
        }
        double mean = Arrays.stream(values).average().orElse(0);
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        return new StatisticFit("gaussian", mean, Math.sqrt(var / (values.length - 1)));
    }

    /** The p-quantile, 0 < p < 1. */
    double quantile(double p) {
        if (family.equals("laplace")) {
            return p < 0.5 ? location + scale * Math.log(2 * p) : location - scale * Math.log(2 * (1 - p));
        }
        return location + scale * Math.sqrt(2) * inverseErf(2 * p - 1);
    }

    /** Inverse error function: Giles' single-precision approximation refined by two Newton steps. */
    static double inverseErf(double x) {
        double w = -Math.log((1.0 - x) * (1.0 + x));
        double p;
        if (w < 5.0) {
            w -= 2.5;
            p = 2.81022636e-08;
            p = 3.43273939e-07 + p * w;
            p = -3.5233877e-06 + p * w;
            p = -4.39150654e-06 + p * w;
            p = 0.00021858087 + p * w;
            p = -0.00125372503 + p * w;
            p = -0.00417768164 + p * w;
            p = 0.246640727 + p * w;
            p = 1.50140941 + p * w;
        } else {
            w = Math.sqrt(w) - 3.0;
            p = -0.000200214257;
            p = 0.000100950558 + p * w;
            p = 0.00134934322 + p * w;
            p = -0.00367342844 + p * w;
            p = 0.00573950773 + p * w;
            p = -0.0076224613 + p * w;
            p = 0.00943887047 + p * w;
            p = 1.00167406 + p * w;
            p = 2.83297682 + p * w;
        }
        double y = p * x;
        for (int i = 0; i < 2; i++) {
            double err = erf(y) - x;
            y -= err / (2 / Math.sqrt(Math.PI) * Math.exp(-y * y));
        }
        return y;
    }

    /** erf with about 1e-15 relative error (series below 3, continued-fraction complement above). */
    static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 3) {
            double sum = ax;
            double term = ax;
            for (int n = 1; n < 200; n++) {
                term *= -ax * ax / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            double f = 0;
            for (int n = 60; n >= 1; n--) {
                f = n / 2.0 / (ax + f);
            }
            r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
        }
        return x < 0 ? -r : r;
    }
}
