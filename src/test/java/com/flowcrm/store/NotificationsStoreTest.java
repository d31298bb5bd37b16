package com.flowcrm.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.model.Notification;
import com.flowcrm.model.NotificationType;
import com.flowcrm.model.Priority;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationsStoreTest {
    private final NotificationsStore store = new NotificationsStore();

    private static Notification n(String id, boolean read, String createdAt) {
        return new Notification(id, "u1", NotificationType.DEAL_UPDATE, "t " + id, "m", Priority.MEDIUM, read, null, null,
                createdAt == null ? null : Instant.parse(createdAt), null);
    }

    private List<String> ids() {
        return store.getNotifications().stream().map(Notification::getId).toList();
    }

    @Test
    void snapshotIsNewestFirstWithUnreadCount() {
        store.loadSnapshot(List.of(n("old", false, "2026-01-01T00:00:00Z"), n("new", true, "2026-02-01T00:00:00Z"),
                n("mid", false, "2026-01-15T00:00:00Z")));
        assertThat(ids()).containsExactly("new", "mid", "old");
        assertThat(store.getUnreadCount()).isEqualTo(2);
    }

    @Test
    void addDedupesByIdAndCountsUnread() {
        assertThat(store.add(n("a", false, null))).isTrue();
        assertThat(store.add(n("b", false, null))).isTrue();
        assertThat(store.add(n("a", false, null))).isFalse();
        assertThat(ids()).containsExactly("b", "a");
        assertThat(store.getUnreadCount()).isEqualTo(2);
    }

    @Test
    void markReadAndMarkAllReadAndDirectChangesKeepTheCount() {
        store.loadSnapshot(List.of(n("a", false, null), n("b", false, null), n("c", false, null)));
        assertThat(store.markRead("a")).isTrue();
        assertThat(store.markRead("zz")).isFalse();
        assertThat(store.getUnreadCount()).isEqualTo(2);
        store.byId("b").setRead(true);
        assertThat(store.getUnreadCount()).isEqualTo(1);
        store.byId("b").setRead(false);
        assertThat(store.getUnreadCount()).isEqualTo(2);
        store.markAllRead();
        assertThat(store.getUnreadCount()).isZero();
    }

    @Test
    void reconcileTakesTheServersReadStateAndDropsDetachedOnes() {
        store.loadSnapshot(List.of(n("a", false, "2026-01-01T00:00:00Z"), n("b", false, "2026-01-02T00:00:00Z")));
        Notification a = store.byId("a");
        store.reconcile(List.of(n("a", true, "2026-01-01T00:00:00Z"), n("c", false, "2026-01-03T00:00:00Z")));
        assertThat(ids()).containsExactly("c", "a");
        assertThat(store.byId("a")).isSameAs(a);
        assertThat(store.getUnreadCount()).isEqualTo(1);
        store.clear();
        assertThat(store.getUnreadCount()).isZero();
        a.setRead(false);
        assertThat(store.getUnreadCount()).as("a detached notification no longer counts").isZero();
    }

    @Test
    void keepsAtMostTheNewestMaxKept() {
        for (int i = 0; i < NotificationsStore.MAX_KEPT + 10; i++) {
            store.add(n("n" + i, false, null));
        }
        assertThat(store.getNotifications()).hasSize(NotificationsStore.MAX_KEPT);
        assertThat(store.getUnreadCount()).isEqualTo(NotificationsStore.MAX_KEPT);
        assertThat(store.byId("n0")).isNull();
        assertThat(ids().get(0)).isEqualTo("n" + (NotificationsStore.MAX_KEPT + 9));
    }

    @Test
    void aRemovedArrivalListenerHearsNothingMore() {
        List<String> heard = new java.util.ArrayList<>();
        java.util.function.Consumer<Notification> listener = n -> heard.add(n.getId());
        store.addArrivalListener(listener);
        store.applyNew(n("n1", false, "2026-11-01T10:00:00Z"));

        store.removeArrivalListener(listener);
        store.applyNew(n("n2", false, "2026-11-02T10:00:00Z"));

        assertThat(heard).containsExactly("n1");
        assertThat(ids()).containsExactly("n2", "n1");
    }
}
