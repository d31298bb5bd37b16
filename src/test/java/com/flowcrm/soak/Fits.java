package com.flowcrm.soak;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The few statistics the verdict needs: a median and a robust slope. */
final class Fits {
    private Fits() {
    }

    /** The median, or NaN for no values. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /**
     * The Theil-Sen slope (the median of the slopes between every pair of points): a heap sample taken while a
     * reload held its 75 MB of JSON does not tilt it the way it tilts a least-squares line. NaN below three points.
     */
    static double theilSen(List<Double> x, List<Double> y) {
        if (x.size() < 3) {
            return Double.NaN;
        }
        List<Double> slopes = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            for (int j = i + 1; j < x.size(); j++) {
                double dx = x.get(j) - x.get(i);
                if (dx != 0) {
                    slopes.add((y.get(j) - y.get(i)) / dx);
                }
            }
        }
        return median(slopes);
    }
}
