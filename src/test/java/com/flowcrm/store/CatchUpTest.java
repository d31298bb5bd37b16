package com.flowcrm.store;

import static com.flowcrm.store.Frames.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.api.ApiException;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.Notification;
import com.flowcrm.model.NotificationType;
import com.flowcrm.model.Priority;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Catching up from the server's change log (issue 13) instead of reloading, against a fake server on the direct
 * executor: resuming from the lists' lowest seq, the fallbacks (404, 410, no log), gaps in the live seqs, paging,
 * bad entries, and live changes that arrive while a catch-up runs.
 */
class CatchUpTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final FakeCrmApi api = new FakeCrmApi();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final AtomicInteger resyncsShown = new AtomicInteger();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private MemorySyncCursor cursor = new MemorySyncCursor();
    private RootStore root;
    private SessionAuth auth;
    private StoreSync sync;
    private LiveFrames live;

    @BeforeEach
    void server() {
        api.changeLog = true;
        api.deals.add(deal("d1", DealStage.PROSPECT, 1000, 1));
        api.deals.add(deal("d2", DealStage.QUALIFIED, 2000, 1));
        api.deals.add(deal("d3", DealStage.PROPOSAL, 3000, 1));
        api.contacts.add(contact("c1", "Ann", 1));
        api.notifications.add(notification("n1"));
        api.head = 8;
    }

    private void start() {
        root = new RootStore(Runnable::run, clock);
        live = new LiveFrames(root);
        auth = new SessionAuth(url -> api, api.baseUrl(), clock, timers, refused::add);
        sync = new StoreSync(root, auth, clock, refused::add, resyncsShown::incrementAndGet, cursor);
        auth.begin();
    }

    private void signIn() {
        start();
        sync.loadFirst(() -> { }, () -> { }).join();
    }

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    private static Deal deal(String id, DealStage stage, double value, long version) {
        Deal deal = new Deal(id);
        deal.setTitle("Deal " + id);
        deal.setStage(stage);
        deal.setValue(value);
        deal.setVersion(version);
        return deal;
    }

    private static Contact contact(String id, String name, long version) {
        Contact contact = new Contact(id);
        contact.setName(name);
        contact.setVersion(version);
        return contact;
    }

    private static Notification notification(String id) {
        return new Notification(id, "u1", NotificationType.DEAL_UPDATE, "About " + id, "", Priority.MEDIUM, false, null,
                null, NOW, null);
    }

    private StoreCounters.Snapshot counts() {
        return root.counters().snapshot();
    }

    @Test
    void aReconnectResumesFromTheListsLowestSeqInsteadOfReloading() {
        // the deals list already reflects change 9 (d1 at version 2); the contacts list is older (seq 8)
        api.deals.set(0, deal("d1", DealStage.PROSPECT, 1500, 2));
        api.log("deal:updated", "{\"id\":\"d1\",\"changes\":{\"value\":1500},\"version\":2}");
        api.dealsSeq = 9;
        api.contactsSeq = 8;
        api.notificationsSeq = 9;
        signIn();
        assertThat(cursor.position()).hasValue(8);
        assertThat(sync.syncStatus().mode()).isEqualTo(SyncStatus.Mode.RESUME);
        int listLoads = api.listLoads.get();

        // while away: colleagues change things
        api.log("contact:updated", "{\"id\":\"c1\",\"changes\":{\"title\":\"CTO\"},\"version\":2}");
        api.log("deal:stage_changed", "{\"id\":\"d2\",\"stage\":\"negotiation\",\"probability\":75,\"version\":2}");
        api.log("notification:new", "{\"id\":\"n1\",\"title\":\"again\"}");
        api.log("deal:deleted", "{\"id\":\"d3\",\"version\":2}");
        api.log("notification:updated", "{\"id\":\"n1\",\"changes\":{\"read\":true}}");
        api.head = 20; // changes of other users after ours
        sync.resync();

        assertThat(api.listLoads.get()).as("no list was loaded again").isEqualTo(listLoads);
        assertThat(api.changeRequests).containsExactly(8L);
        assertThat(root.deals().byId("d1").getValue()).isEqualTo(1500);
        assertThat(root.deals().byId("d1").getVersion()).isEqualTo(2);
        assertThat(root.contacts().byId("c1").getTitle()).isEqualTo("CTO");
        assertThat(root.contacts().byId("c1").getVersion()).isEqualTo(2);
        assertThat(root.deals().byId("d2").getStage()).isEqualTo(DealStage.NEGOTIATION);
        assertThat(root.deals().byId("d2").getProbability()).isEqualTo(75);
        assertThat(root.deals().byId("d3")).isNull();
        assertThat(root.notifications().byId("n1").isRead()).isTrue();
        assertThat(root.notifications().getNotifications()).hasSize(1);
        assertThat(counts().applied()).as("contact, stage, delete, read").isEqualTo(4);
        assertThat(counts().ignored()).as("d1's version 2 was in the list; n1 existed").isEqualTo(2);
        assertThat(cursor.position()).as("the head the server answered with").hasValue(20);
        assertThat(sync.resyncs()).isEqualTo(1);
        assertThat(sync.lastResyncAt()).isEqualTo(NOW);
        assertThat(resyncsShown).hasValue(1);
        SyncStatus.LastCatchUp last = sync.syncStatus().lastCatchUp();
        assertThat(last.from()).isEqualTo(8);
        assertThat(last.to()).isEqualTo(20);
        assertThat(last.changes()).isEqualTo(6);
        assertThat(last.pages()).isEqualTo(1);
    }

    @Test
    void aServerWithoutAChangeLogIsReloadedAsBeforeAndNeverAskedForChanges() {
        api.changeLog = false;
        signIn();
        assertThat(cursor.position()).isEmpty();
        assertThat(sync.syncStatus().mode()).isEqualTo(SyncStatus.Mode.FULL_RELOAD);
        api.deals.set(1, deal("d2", DealStage.CLOSED_WON, 2000, 0));
        int listLoads = api.listLoads.get();

        sync.resync();
        sync.resync();

        assertThat(api.changeRequests).isEmpty();
        assertThat(api.listLoads.get() - listLoads).as("two reloads of three lists").isEqualTo(6);
        assertThat(root.deals().byId("d2").getStage()).isEqualTo(DealStage.CLOSED_WON);
        assertThat(sync.resyncs()).isEqualTo(2);
    }

    @Test
    void a404OnTheChangeLogReloadsEverythingAndIsRememberedForTheSession() {
        signIn();
        // the lists carry seqs, but the log itself answers 404
        api.changeFailures.put(8L, new ApiException(ApiException.Kind.NOT_FOUND, 404, "Not found"));
        api.deals.set(1, deal("d2", DealStage.CLOSED_WON, 2000, 2));
        int listLoads = api.listLoads.get();

        sync.resync();
        assertThat(api.changeRequests).containsExactly(8L);
        assertThat(api.listLoads.get() - listLoads).isEqualTo(3);
        assertThat(root.deals().byId("d2").getStage()).isEqualTo(DealStage.CLOSED_WON);
        assertThat(sync.syncStatus().mode()).isEqualTo(SyncStatus.Mode.FULL_RELOAD);
        assertThat(cursor.position()).as("no place in a log the server does not have").isEmpty();

        sync.resync();
        assertThat(api.changeRequests).as("not asked again in this session").containsExactly(8L);
        assertThat(api.listLoads.get() - listLoads).isEqualTo(6);
    }

    @Test
    void a410ReloadsEverythingOnceThenResumesFromTheNewSnapshotsCursor() {
        signIn();
        api.oldestKept = 15;
        api.head = 30;
        api.log("deal:updated", "{\"id\":\"d1\",\"changes\":{\"title\":\"Renamed\"},\"version\":2}");
        api.deals.set(0, deal("d1", DealStage.PROSPECT, 1000, 2));
        api.deals.get(0).setTitle("Renamed");
        int listLoads = api.listLoads.get();

        sync.resync();

        assertThat(api.changeRequests).containsExactly(8L);
        assertThat(api.listLoads.get() - listLoads).isEqualTo(3);
        assertThat(root.deals().byId("d1").getTitle()).isEqualTo("Renamed");
        assertThat(cursor.position()).as("the new snapshot's").hasValue(31);
        assertThat(sync.resyncs()).isEqualTo(1);

        api.log("deal:updated", "{\"id\":\"d1\",\"changes\":{\"title\":\"Again\"},\"version\":3}");
        sync.resync();
        assertThat(api.changeRequests).containsExactly(8L, 31L);
        assertThat(api.listLoads.get() - listLoads).as("resumed, not reloaded").isEqualTo(3);
        assertThat(root.deals().byId("d1").getTitle()).isEqualTo("Again");
        assertThat(cursor.position()).hasValue(32);
    }

    @Test
    void aGapInTheLiveSeqsIsCaughtUpAndTheFrameAfterItIsAppliedOnce() {
        signIn();
        api.log("deal:updated", "{\"id\":\"d1\",\"changes\":{\"title\":\"Missed 1\"},\"version\":2}");
        api.log("deal:updated", "{\"id\":\"d1\",\"changes\":{\"value\":1234},\"version\":3}");
        long third = api.log("deal:updated", "{\"id\":\"d2\",\"changes\":{\"title\":\"Seen\"},\"version\":2}");

        live.send("deal:updated", json("{\"id\":\"d2\",\"changes\":{\"title\":\"Seen\"},\"version\":2}"), third, third - 1);

        assertThat(api.changeRequests).containsExactly(8L);
        assertThat(root.deals().byId("d1").getTitle()).isEqualTo("Missed 1");
        assertThat(root.deals().byId("d1").getValue()).isEqualTo(1234);
        assertThat(root.deals().byId("d2").getTitle()).isEqualTo("Seen");
        assertThat(counts().applied()).isEqualTo(3);
        assertThat(counts().ignored()).as("the live frame, already read from the log").isEqualTo(1);
        assertThat(cursor.position()).hasValue(third);
        assertThat(sync.resyncs()).as("no reconnect").isZero();

        live.send("deal:updated", json("{\"id\":\"d2\",\"changes\":{\"value\":9},\"version\":3}"), third + 1, third);
        assertThat(api.changeRequests).as("no gap: applied at once").hasSize(1);
        assertThat(root.deals().byId("d2").getValue()).isEqualTo(9);
        assertThat(cursor.position()).hasValue(third + 1);
    }

    @Test
    void liveChangesDuringACatchUpWaitAndAreAppliedOnceInTheLogsOrder() {
        signIn();
        CompletableFuture<Void> gate = new CompletableFuture<>();
        api.changeGate = gate;
        long s9 = api.log("deal:updated", "{\"id\":\"d1\",\"changes\":{\"title\":\"A\"},\"version\":2}");
        long s10 = api.log("notification:updated", "{\"id\":\"n1\",\"changes\":{\"read\":true}}");
        long s11 = api.log("deal:updated", "{\"id\":\"d1\",\"changes\":{\"title\":\"B\"},\"version\":3}");

        sync.resync(); // the feed request waits at the gate
        live.send("notification:updated", json("{\"id\":\"n1\",\"changes\":{\"read\":true}}"), s10, s9);
        live.send("deal:updated", json("{\"id\":\"d1\",\"changes\":{\"title\":\"B\"},\"version\":3}"), s11, s10);
        // marked unread again; its own frame comes later, but the log already has it when it is read
        long s12 = api.log("notification:updated", "{\"id\":\"n1\",\"changes\":{\"read\":false}}");
        live.send("deal:stage_changed", json("{\"id\":\"d2\",\"stage\":\"proposal\",\"version\":2}"), s12 + 1, s12);
        assertThat(root.deals().byId("d1").getTitle()).as("nothing applied while the log is read").isEqualTo("Deal d1");
        assertThat(root.changeOrder().waiting()).isEqualTo(3);

        gate.complete(null);

        Deal d1 = root.deals().byId("d1");
        assertThat(d1.getTitle()).isEqualTo("B");
        assertThat(d1.getVersion()).isEqualTo(3);
        assertThat(root.notifications().byId("n1").isRead()).as("read, then unread again: not read twice").isFalse();
        assertThat(root.notifications().getUnreadCount()).isEqualTo(1);
        assertThat(root.deals().byId("d2").getStage()).isEqualTo(DealStage.PROPOSAL);
        assertThat(counts().applied()).as("9 to 12 from the log, 13 live").isEqualTo(5);
        assertThat(counts().ignored()).as("10 and 11 came both ways").isEqualTo(2);
        assertThat(cursor.position()).hasValue(s12 + 1);
        assertThat(root.changeOrder().waiting()).isZero();
    }

    @Test
    void aCatchUpPagesUntilHasMoreIsFalse() {
        signIn();
        for (int i = 0; i < 2500; i++) {
            api.log("deal:updated", "{\"id\":\"d1\",\"changes\":{\"value\":" + i + "},\"version\":" + (i + 2) + "}");
        }

        sync.resync();

        assertThat(api.changeRequests).containsExactly(8L, 8L + CatchUp.PAGE_SIZE, 8L + 2 * CatchUp.PAGE_SIZE);
        assertThat(root.deals().byId("d1").getValue()).isEqualTo(2499);
        assertThat(root.deals().byId("d1").getVersion()).isEqualTo(2501);
        assertThat(counts().applied()).isEqualTo(2500);
        assertThat(cursor.position()).hasValue(8 + 2500);
        assertThat(sync.syncStatus().lastCatchUp().pages()).isEqualTo(3);
    }

    @Test
    void aBadEntryIsCountedAndSkippedAndTheCursorMovesOnlyPastWhatWasRead() {
        signIn();
        api.log("deal:exploded", "{\"id\":\"d1\"}");
        api.log("deal:updated", "{\"id\":\"d1\",\"changes\":{\"value\":\"lots\"},\"version\":2}");
        api.log("deal:updated", "{\"id\":\"d1\",\"changes\":{\"title\":\"Fine\"},\"version\":2}");
        for (int i = 0; i < CatchUp.PAGE_SIZE; i++) {
            api.log("contact:updated", "{\"id\":\"c1\",\"changes\":{\"churnRisk\":" + (i % 100) + "},\"version\":" + (i + 2) + "}");
        }
        long endOfFirstPage = 8 + CatchUp.PAGE_SIZE;
        api.changeFailures.put(endOfFirstPage, new ApiException(ApiException.Kind.UNREACHABLE, 0, "network gone"));

        sync.resync();

        assertThat(api.changeRequests).containsExactly(8L, endOfFirstPage);
        assertThat(counts().unknown()).isEqualTo(1);
        assertThat(counts().rejected()).isEqualTo(1);
        assertThat(root.deals().byId("d1").getValue()).as("the bad entry changed nothing").isEqualTo(1000);
        assertThat(root.deals().byId("d1").getTitle()).isEqualTo("Fine");
        assertThat(cursor.position()).as("past the first page, which was read, not past the second").hasValue(endOfFirstPage);
        assertThat(sync.resyncs()).as("not caught up").isZero();

        sync.resync();
        assertThat(api.changeRequests).containsExactly(8L, endOfFirstPage, endOfFirstPage);
        assertThat(cursor.position()).hasValue(api.headSeq());
        assertThat(root.contacts().byId("c1").getChurnRisk()).isEqualTo((CatchUp.PAGE_SIZE - 1) % 100);
    }

    @Test
    void aFailedCatchUpAppliesTheWaitingChangesAndForgetsThePositionIfOneLayPastAGap() {
        signIn();
        api.log("deal:updated", "{\"id\":\"d1\",\"changes\":{\"title\":\"Missed\"},\"version\":2}");
        long seen = api.log("deal:updated", "{\"id\":\"d2\",\"changes\":{\"title\":\"Seen\"},\"version\":2}");
        api.changeFailures.put(8L, new ApiException(ApiException.Kind.SERVER_ERROR, 503, "busy"));

        live.send("deal:updated", json("{\"id\":\"d2\",\"changes\":{\"title\":\"Seen\"},\"version\":2}"), seen, seen - 1);

        assertThat(root.deals().byId("d2").getTitle()).as("the waiting change is not lost").isEqualTo("Seen");
        assertThat(cursor.position()).as("applied past a gap: the place in the log is lost").isEmpty();
        assertThat(sync.syncStatus().mode()).isEqualTo(SyncStatus.Mode.FULL_RELOAD);
        int listLoads = api.listLoads.get();
        api.deals.get(0).setTitle("Missed");

        sync.resync();
        assertThat(api.listLoads.get() - listLoads).as("a full reload brings back what was missed").isEqualTo(3);
        assertThat(root.deals().byId("d1").getTitle()).isEqualTo("Missed");
        assertThat(cursor.position()).hasValue(api.headSeq());
    }

    @Test
    void aFailedCatchUpWithNothingWaitingKeepsThePlaceForTheNextReconnect() {
        signIn();
        api.log("deal:updated", "{\"id\":\"d1\",\"changes\":{\"title\":\"Later\"},\"version\":2}");
        api.changeFailures.put(8L, new ApiException(ApiException.Kind.UNREACHABLE, 0, "network gone"));

        sync.resync();
        assertThat(cursor.position()).hasValue(8);
        assertThat(root.deals().byId("d1").getTitle()).isEqualTo("Deal d1");

        sync.resync();
        assertThat(root.deals().byId("d1").getTitle()).isEqualTo("Later");
        assertThat(api.changeRequests).containsExactly(8L, 8L);
    }

    @Test
    void aCatchUpRefusedWith401EndsTheSession() {
        signIn();
        api.changeFailures.put(8L, new ApiException(ApiException.Kind.UNAUTHORIZED, 401, "token expired"));

        sync.resync();

        assertThat(refused).containsExactly(SessionAuth.EXPIRED_MESSAGE);
    }

    @Test
    void atStartUpWithACursorTheChangesSinceAreReadInsteadOfTheLists() {
        cursor = new MemorySyncCursor(8);
        start();
        // the stores as the workspace had them at change 8
        root.loadSnapshot(List.of(deal("d1", DealStage.PROSPECT, 1000, 1)), List.of(contact("c1", "Ann", 1)), List.of());
        api.log("deal:updated", "{\"id\":\"d1\",\"changes\":{\"value\":4321},\"version\":2}");
        List<String> order = new CopyOnWriteArrayList<>();

        sync.loadFirst(() -> order.add("connect"), () -> order.add("in stores")).join();

        assertThat(order).containsExactly("connect", "in stores");
        assertThat(api.listLoads.get()).isZero();
        assertThat(api.changeRequests).containsExactly(8L);
        assertThat(root.deals().byId("d1").getValue()).isEqualTo(4321);
        assertThat(cursor.position()).hasValue(9);
    }

    @Test
    void atStartUpWithACursorTheServerNoLongerHasTheListsAreLoaded() {
        cursor = new MemorySyncCursor(3);
        api.oldestKept = 5;
        start();

        sync.loadFirst(() -> { }, () -> { }).join();

        assertThat(api.changeRequests).containsExactly(3L);
        assertThat(api.listLoads.get()).isEqualTo(3);
        assertThat(root.deals().size()).isEqualTo(3);
        assertThat(cursor.position()).hasValue(8);
    }

    @Test
    void theLowestSeqOfTheListsIsTheCursorAndOneListWithoutItMeansNoLog() {
        assertThat(StoreSync.lowest(OptionalLong.of(5), OptionalLong.of(3), OptionalLong.of(9))).hasValue(3);
        assertThat(StoreSync.lowest(OptionalLong.of(5), OptionalLong.empty(), OptionalLong.of(9))).isEmpty();
    }
}
