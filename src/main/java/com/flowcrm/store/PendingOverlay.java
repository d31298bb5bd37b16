package com.flowcrm.store;

import com.flowcrm.model.change.FieldPatch;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * One record the rep changed while the change waits for the server: the record as the server last confirmed it
 * ({@code confirmed}, a private copy nobody shows) and the rep's waiting changes layered over it, in the order they
 * were made. What the store shows is always {@code confirmed} + the layers; what comes from the server (events,
 * reloads, answers) goes into {@code confirmed}, so a waiting change is never overwritten on screen and the record's
 * confirmed state is never lost. UI thread only.
 *
 * @param <T> the model type
 * @param <P> its partial change type
 */
final class PendingOverlay<T, P extends FieldPatch<?, T, P>> {
    /** One waiting change: fields it sets ({@code patch}, or null) and an item it adds to a list (or null). */
    record Layer<P>(UUID change, long sequence, P patch, Object appended) {
    }

    T confirmed;
    final List<Layer<P>> layers = new ArrayList<>(2);

    PendingOverlay(T confirmed) {
        this.confirmed = confirmed;
    }

    void put(Layer<P> layer) {
        layers.removeIf(l -> l.change().equals(layer.change()));
        int at = 0;
        while (at < layers.size() && layers.get(at).sequence() < layer.sequence()) {
            at++;
        }
        layers.add(at, layer);
    }

    /**
     * What the store shows: a copy of {@code confirmed} with the waiting changes applied in order, their fields set
     * and their items added ({@code addPending}).
     */
    T shown(UnaryOperator<T> copy, BiConsumer<T, Object> addPending) {
        T shown = copy.apply(confirmed);
        for (Layer<P> layer : layers) {
            if (layer.patch() != null) {
                layer.patch().applyTo(shown);
            }
            if (layer.appended() != null) {
                addPending.accept(shown, layer.appended());
            }
        }
        return shown;
    }

    boolean remove(UUID change) {
        return layers.removeIf(l -> l.change().equals(change));
    }

    boolean has(UUID change) {
        for (Layer<P> l : layers) {
            if (l.change().equals(change)) {
                return true;
            }
        }
        return false;
    }
}
