package com.flowcrm.bench;

import com.flowcrm.model.change.ContactUpdate;
import com.flowcrm.model.change.DealActivityAdded;
import com.flowcrm.model.change.DealUpdate;
import com.flowcrm.api.JsonMapper;
import com.flowcrm.api.Mapped;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.Notification;
import com.google.gson.JsonElement;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

/**
 * The web client's way, ported literally for comparison: every event is its own {@code Platform.runLater} (MobX's
 * {@code runInAction} per handler) and finds its item by a linear search of the list by id. Its derived views are
 * what a JavaFX port of MobX computeds would use: a {@link FilteredList} per stage and a {@link SortedList} by
 * health over lists with extractors. It applies the same typed changes to the same model classes as our stores.
 */
final class NaiveStore {
    private static final Comparator<Contact> BY_HEALTH =
            Comparator.comparingInt(Contact::getHealthScore).thenComparing(Contact::getName);

    private final JsonMapper mapper = JsonMapper.create();
    private final ObservableList<Deal> deals =
            FXCollections.observableArrayList(d -> new Observable[] {d.stageProperty()});
    private final ObservableList<Contact> contacts =
            FXCollections.observableArrayList(c -> new Observable[] {c.healthScoreProperty(), c.nameProperty()});
    private final ObservableList<Notification> notifications = FXCollections.observableArrayList();
    private final Map<DealStage, FilteredList<Deal>> byStage = new EnumMap<>(DealStage.class);
    private SortedList<Contact> byHealth;
    private final AtomicLong handled = new AtomicLong();
    private volatile boolean cancelled;

    /**
     * On the FX thread: creates the derived lists the views show. Like MobX computeds, which cost nothing until
     * something observes them, they exist only while views are shown.
     */
    void deriveViews() {
        for (DealStage stage : DealStage.values()) {
            byStage.put(stage, new FilteredList<>(deals, d -> d.getStage() == stage));
        }
        byHealth = new SortedList<>(contacts, BY_HEALTH);
    }

    /** Events posted but not yet run are skipped from now on (a round that ran out of time). */
    void cancel() {
        cancelled = true;
    }

    /** On the FX thread. */
    void load(List<Deal> dealList, List<Contact> contactList) {
        deals.setAll(dealList);
        contacts.setAll(contactList);
    }

    ObservableList<Deal> dealsInStage(DealStage stage) {
        return byStage.get(stage);
    }

    ObservableList<Contact> contactsByHealth() {
        return byHealth;
    }

    int dealCount() {
        return deals.size();
    }

    /** Events handled on the FX thread so far (applied or not found); read from any thread. */
    long handled() {
        return handled.get();
    }

    /** On the socket thread: maps the event there (as ours does) and posts one runnable for it. */
    void onEvent(String event, JsonElement data) {
        Runnable apply = switch (event) {
            case "deal:created" -> withValue(mapper.deal(data), d -> deals.add(0, d));
            case "deal:updated", "deal:stage_changed" -> withValue(
                    event.equals("deal:updated") ? mapper.dealUpdated(data) : mapper.dealStageChanged(data),
                    this::applyDealUpdate);
            case "deal:activity_added" -> withValue(mapper.dealActivityAdded(data), this::applyActivity);
            case "contact:updated", "contact:health_changed" -> withValue(
                    event.equals("contact:updated") ? mapper.contactUpdated(data) : mapper.contactHealthChanged(data),
                    this::applyContactUpdate);
            case "notification:new" -> withValue(mapper.notification(data), n -> notifications.add(0, n));
            default -> () -> { };
        };
        Platform.runLater(() -> {
            if (!cancelled) {
                apply.run();
                handled.incrementAndGet();
            }
        });
    }

    private static <T> Runnable withValue(Mapped<T> mapped, java.util.function.Consumer<T> apply) {
        T value = mapped.isClean() ? mapped.value() : null;
        return value == null ? () -> { } : () -> apply.accept(value);
    }

    private void applyDealUpdate(DealUpdate u) {
        Deal d = findDeal(u.id());
        if (d != null && u.changes().applyTo(d)) {
            d.markChanged();
        }
    }

    private void applyActivity(DealActivityAdded a) {
        Deal d = findDeal(a.dealId());
        if (d != null) {
            d.getActivities().add(0, a.activity());
            d.setLastActivity(a.activity().date());
            d.markChanged();
        }
    }

    private void applyContactUpdate(ContactUpdate u) {
        Contact c = findContact(u.id());
        if (c != null && u.changes().applyTo(c)) {
            c.markChanged();
        }
    }

    // deals.find(d => d.id === id): the web client's lookup
    private Deal findDeal(String id) {
        for (Deal d : deals) {
            if (d.getId().equals(id)) {
                return d;
            }
        }
        return null;
    }

    private Contact findContact(String id) {
        for (Contact c : contacts) {
            if (c.getId().equals(id)) {
                return c;
            }
        }
        return null;
    }
}
