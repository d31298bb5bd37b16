package com.flowcrm.model;

import java.util.Collections;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The lists of a model object, kept as an immutable list until someone asks for the observable one, which from then
 * on holds them (so a listener added later hears of every change after it). An observable list costs about 120 bytes
 * even when empty and 60,000 loaded records have 250,000 lists that nobody watches; an empty one is the shared
 * {@code List.of()}.
 */
final class LazyLists {
    private LazyLists() {
    }

    /** The observable list that holds these items from now on: the one made before, or a new one. */
    static <E> ObservableList<E> observable(List<E> items) {
        return items instanceof ObservableList<E> observable ? observable : FXCollections.observableArrayList(items);
    }

    /**
     * What the field holds after its items became {@code next}: the observable list, changed in place when it exists
     * (its listeners hear of it), else an immutable copy. Callers check {@link #differ} first.
     */
    static <E> List<E> replaced(List<E> current, List<E> next) {
        if (current instanceof ObservableList<E> observable) {
            observable.setAll(next);
            return observable;
        }
        return next.isEmpty() ? List.of() : List.copyOf(next);
    }

    static <E> boolean differ(List<E> current, List<E> next) {
        return !current.equals(next);
    }

    /** The items, read-only, without making an observable list. */
    static <E> List<E> readOnly(List<E> items) {
        return items instanceof ObservableList<E> ? Collections.unmodifiableList(items) : items;
    }
}
