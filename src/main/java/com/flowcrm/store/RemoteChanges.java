package com.flowcrm.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Collects the items live events changed or removed during a batch and tells listeners once per item at the batch end. */
final class RemoteChanges {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteChanges.class);

    private final List<Consumer<RemoteChange>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, RemoteChange> pending = new LinkedHashMap<>();

    void addListener(Consumer<RemoteChange> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void removeListener(Consumer<RemoteChange> listener) {
        listeners.remove(listener);
    }

    void created(String id) {
        pending.put(id, new RemoteChange(RemoteChange.Kind.CREATED, id));
    }

    void updated(String id) {
        // an item created and then updated in one batch is still new to the views; most events of a burst hit an
        // item already pending, so the check comes before the allocation
        if (!pending.containsKey(id)) {
            pending.put(id, new RemoteChange(RemoteChange.Kind.UPDATED, id));
        }
    }

    /** The item left the store; whatever was pending for it is replaced, it is gone. */
    void deleted(String id) {
        pending.remove(id);
        pending.put(id, new RemoteChange(RemoteChange.Kind.DELETED, id));
    }

    void clear() {
        pending.clear();
    }

    void fire() {
        if (pending.isEmpty()) {
            return;
        }
        List<RemoteChange> batch = List.copyOf(pending.values());
        pending.clear();
        if (listeners.isEmpty()) {
            return;
        }
        for (RemoteChange change : batch) {
            for (Consumer<RemoteChange> listener : listeners) {
                try {
                    listener.accept(change);
                } catch (RuntimeException e) {
                    LOG.error("Remote change listener failed for {}", change, e);
                }
            }
        }
    }
}
