package com.flowcrm.ui.pipeline;

import com.flowcrm.model.Deal;
import java.util.concurrent.Executor;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.ObservableList;

/**
 * Count, total value and weighted value of the deals a column shows. A burst of events changes the list many
 * times in one UI pulse; the sums are recomputed once, on the next run of the UI executor.
 */
final class ColumnTotals {
    private final ObservableList<Deal> deals;
    private final Executor later;
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper(this, "count");
    private final ReadOnlyDoubleWrapper total = new ReadOnlyDoubleWrapper(this, "total");
    private final ReadOnlyDoubleWrapper weighted = new ReadOnlyDoubleWrapper(this, "weighted");
    private boolean scheduled;

    ColumnTotals(ObservableList<Deal> deals, Executor later) {
        this.deals = deals;
        this.later = later;
        deals.addListener((InvalidationListener) o -> schedule());
        recompute();
    }

    private void schedule() {
        if (!scheduled) {
            scheduled = true;
            later.execute(() -> {
                scheduled = false;
                recompute();
            });
        }
    }

    private void recompute() {
        double sum = 0;
        double weightedSum = 0;
        for (Deal deal : deals) {
            sum += deal.getValue();
            weightedSum += deal.getWeightedValue();
        }
        count.set(deals.size());
        total.set(sum);
        weighted.set(weightedSum);
    }

    ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty weightedProperty() {
        return weighted.getReadOnlyProperty();
    }
}
