package com.flowcrm.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.api.ApiException;
import com.flowcrm.model.ActivityType;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.Notification;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.NewActivity;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a rep does, against a fake server on the direct executor: no toolkit, no sockets, no waiting. */
class SessionCommandsTest {
    private final FakeCrmApi api = new FakeCrmApi();
    private final List<String> sessionEnded = new CopyOnWriteArrayList<>();
    private RootStore root;
    private SessionCommands commands;
    private Deal d1;

    @BeforeEach
    void load() {
        Deal deal = new Deal("d1");
        deal.setTitle("Renewal");
        deal.setStage(DealStage.PROPOSAL);
        deal.setProbability(50);
        api.deals.add(deal);
        root = new RootStore(Runnable::run);
        root.deals().loadSnapshot(List.of(copy(deal)));
        root.notifications().loadSnapshot(List.of(new Notification("n1", "u1", null, "Hi", "", null, false, null, null,
                Instant.parse("2026-03-01T00:00:00Z"), null)));
        commands = new SessionCommands(root, () -> api, sessionEnded::add);
        d1 = root.deals().byId("d1");
    }

    private static Deal copy(Deal deal) {
        Deal copy = new Deal(deal.getId());
        DealChanges.of(deal).applyTo(copy);
        return copy;
    }

    private static Throwable failure(CompletableFuture<?> future) {
        return future.handle((value, error) -> error).join();
    }

    @Test
    void aStageChangeShowsAtOnceAndTakesTheServersProbability() {
        CompletableFuture<Deal> moved = commands.changeStage("d1", DealStage.CLOSED_WON);

        assertThat(moved.join()).isSameAs(d1);
        assertThat(d1.getStage()).isEqualTo(DealStage.CLOSED_WON);
        assertThat(d1.getProbability()).isEqualTo(100);
        assertThat(api.writes).containsExactly("stage d1 closed-won");
    }

    @Test
    void aRefusedStageChangeIsRolledBackWithTheServersReason() {
        api.failNext(ApiException.Kind.REJECTED, 409, "Deal is locked by finance");

        Throwable error = failure(commands.changeStage("d1", DealStage.CLOSED_LOST));

        assertThat(error).isInstanceOf(SessionException.class).hasMessage("Deal is locked by finance");
        assertThat(((SessionException) error).kind()).isEqualTo(SessionException.Kind.REJECTED);
        assertThat(d1.getStage()).isEqualTo(DealStage.PROPOSAL);
        assertThat(sessionEnded).isEmpty();
    }

    @Test
    void aCommandTheServerNoLongerAuthorizesEndsTheSession() {
        api.failNext(ApiException.Kind.UNAUTHORIZED, 401, "token expired");

        Throwable error = failure(commands.changeStage("d1", DealStage.NEGOTIATION));

        assertThat(((SessionException) error).kind()).isEqualTo(SessionException.Kind.EXPIRED);
        assertThat(sessionEnded).containsExactly(SessionAuth.EXPIRED_MESSAGE);
        assertThat(d1.getStage()).isEqualTo(DealStage.PROPOSAL);
    }

    @Test
    void aMoveOfADealThatIsGoneIsRefusedWithoutAsking() {
        Throwable error = failure(commands.changeStage("gone", DealStage.NEGOTIATION));

        assertThat(error).hasMessage("This deal no longer exists.");
        assertThat(api.writes).isEmpty();
    }

    @Test
    void anEditIsCheckedTrimmedAndTheSavedDealMergedIn() {
        assertThat(failure(commands.updateDeal("d1", new DealChanges().value(-1)))).hasMessage(
                "The value must be a number of 0 or more.");
        assertThat(failure(commands.updateDeal("d1", new DealChanges().title("  ")))).hasMessage(
                "The title cannot be empty.");
        assertThat(api.writes).isEmpty();

        commands.updateDeal("d1", new DealChanges().title("  Renewal 2027 ").value(1200)).join();

        assertThat(d1.getTitle()).isEqualTo("Renewal 2027");
        assertThat(d1.getValue()).isEqualTo(1200);
        assertThat(api.writes).hasSize(1).first().asString().contains("TITLE=Renewal 2027");
    }

    @Test
    void aLoggedActivityAppearsOnTheDealOnceTheServerStoredIt() {
        assertThat(failure(commands.logActivity("d1", new NewActivity(ActivityType.CALL, Instant.now(), " ", null, null))))
                .hasMessage("Describe the activity.");

        DealActivity logged = commands.logActivity("d1", new NewActivity(ActivityType.CALL,
                Instant.parse("2026-03-02T10:00:00Z"), "Called the buyer", null, null)).join();

        assertThat(d1.getActivities()).containsExactly(logged);
        assertThat(d1.getLastActivity()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
    }

    @Test
    void aNotificationTurnsUnreadAgainWhenTheServerRefusesToMarkIt() {
        api.failNext(ApiException.Kind.SERVER_ERROR, 500, "boom");

        Throwable error = failure(commands.markNotificationRead("n1"));

        assertThat(((SessionException) error).kind()).isEqualTo(SessionException.Kind.SERVER_ERROR);
        assertThat(root.notifications().byId("n1").isRead()).isFalse();
        assertThat(root.notifications().getUnreadCount()).isEqualTo(1);

        commands.markAllNotificationsRead().join();

        assertThat(root.notifications().getUnreadCount()).isZero();
    }

    @Test
    void detailsLoadedInFullAreMergedIntoTheStoresInstance() {
        api.deals.get(0).setDescription("The whole story");

        assertThat(commands.loadDealDetails("d1").join()).isSameAs(d1);

        assertThat(d1.getDescription()).isEqualTo("The whole story");
    }
}
