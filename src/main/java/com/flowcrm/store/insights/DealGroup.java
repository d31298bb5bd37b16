package com.flowcrm.store.insights;

import java.util.ArrayList;
import java.util.List;

/**
 * Some deals summed up: how many, their total value and their weighted value (value x probability / 100), and
 * their ids, so that a chart's bar or a tile can open exactly those deals on the board.
 */
public record DealGroup(int count, double total, double weighted, List<String> dealIds) {
    public static final DealGroup EMPTY = new DealGroup(0, 0, 0, List.of());

    public DealGroup {
        dealIds = List.copyOf(dealIds);
    }

    /** total / count, or 0 for no deals. */
    public double averageValue() {
        return count == 0 ? 0 : total / count;
    }

    /** Adds deals up; one per group while a computation runs. */
    static final class Tally {
        private final List<String> ids = new ArrayList<>();
        private double total;
        private double weighted;

        void add(DealFacts d) {
            ids.add(d.id());
            total += d.value();
            weighted += DealRules.weighted(d);
        }

        DealGroup toGroup() {
            return ids.isEmpty() ? EMPTY : new DealGroup(ids.size(), total, weighted, ids);
        }
    }
}
