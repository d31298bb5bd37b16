package com.flowcrm.ui.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.model.Deal;
import com.flowcrm.model.User;
import com.flowcrm.model.UserPreferences;
import com.flowcrm.model.UserRole;
import com.flowcrm.store.PendingFixture;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SessionException;
import com.flowcrm.store.SessionMode;
import com.flowcrm.store.SignOutChoice;
import com.flowcrm.store.SignOutResult;
import com.flowcrm.ui.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The read-only banner, signing in again, the sign-out choices, refusals and one-time notices; on the FX thread. */
@ExtendWith(OnFxThread.class)
class SessionModelsTest {
    private static final Instant SYNCED = Instant.parse("2026-12-04T14:32:00Z");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T16:00:00Z"));
    private final SimpleObjectProperty<SessionMode> mode = new SimpleObjectProperty<>(live());
    private final SimpleIntegerProperty waiting = new SimpleIntegerProperty();
    private final SimpleIntegerProperty attention = new SimpleIntegerProperty();

    private static SessionMode live() {
        return new SessionMode(SessionMode.Kind.LIVE, null, "rep@acme.example", true);
    }

    private static SessionMode readOnly() {
        return new SessionMode(SessionMode.Kind.READ_ONLY, SYNCED, "rep@acme.example", true);
    }

    @Test
    void theReadOnlyBannerShowsWhileTheServerRefusesTheSessionAndAsksForThePasswordOnce() {
        ReadOnlyBanner banner = new ReadOnlyBanner(mode, waiting, attention, clock);
        assertThat(banner.shownProperty().get()).isFalse();
        assertThat(banner.askingProperty().get()).isFalse();

        waiting.set(2);
        attention.set(1);
        mode.set(readOnly());

        assertThat(banner.shownProperty().get()).isTrue();
        assertThat(banner.titleProperty().get()).isEqualTo("Sign in again to send your changes");
        assertThat(banner.detailProperty().get()).isEqualTo("The server no longer accepts your session. Your 3 changes"
                + " that are not on the server yet are kept on this computer; you see your data as it was, read-only,"
                + " until you sign in.");
        assertThat(banner.askingProperty().get()).as("the dialog opens by itself").isTrue();
        assertThat(banner.email()).isEqualTo("rep@acme.example");

        banner.stopAsking();
        waiting.set(3);
        assertThat(banner.askingProperty().get()).as("'Not now' is not undone by a count").isFalse();
        banner.askToSignIn();
        assertThat(banner.askingProperty().get()).isTrue();

        mode.set(live());
        assertThat(banner.shownProperty().get()).isFalse();
        assertThat(banner.titleProperty().get()).isNull();
        assertThat(banner.askingProperty().get()).isFalse();
        banner.askToSignIn();
        assertThat(banner.askingProperty().get()).as("nothing to sign in to while live").isFalse();
    }

    @Test
    void signingInAgainUsesTheFixedEmailAndSaysWhyItDidNotWork() {
        List<String> tries = new ArrayList<>();
        CompletableFuture<User> answer = new CompletableFuture<>();
        SignInAgainModel model = new SignInAgainModel(() -> "rep@acme.example", password -> {
            tries.add(password);
            return tries.size() == 1
                    ? CompletableFuture.failedFuture(new SessionException(SessionException.Kind.BAD_CREDENTIALS,
                            "Wrong email or password."))
                    : answer;
        });
        assertThat(model.email()).isEqualTo("rep@acme.example");
        assertThat(model.canSubmitProperty().get()).isFalse();

        model.passwordProperty().set("wrong");
        assertThat(model.submit().join()).isFalse();
        assertThat(model.errorProperty().get()).isEqualTo("Wrong email or password.");
        assertThat(model.passwordProperty().get()).as("kept to be corrected").isEqualTo("wrong");

        model.passwordProperty().set("secret");
        CompletableFuture<Boolean> second = model.submit();
        assertThat(model.busyProperty().get()).isTrue();
        assertThat(model.canSubmitProperty().get()).isFalse();
        answer.complete(new User("u1", "rep@acme.example", "Rita Rep", null, UserRole.SALES,
                new UserPreferences(null, true, "UTC"), null, null));

        assertThat(second.join()).isTrue();
        assertThat(tries).containsExactly("wrong", "secret");
        assertThat(model.errorProperty().get()).isNull();
        assertThat(model.passwordProperty().get()).isEmpty();
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void signOutAsksOnlyWithChangesNotOnTheServerAndOffersSendNowOnlyWhileLive() {
        RootStore root = new RootStore(Runnable::run);
        root.deals().loadSnapshot(List.of(new Deal("d1")));
        PendingFixture outbox = new PendingFixture(root);
        List<SignOutChoice> chosen = new ArrayList<>();
        List<String> told = new ArrayList<>();
        SignOutModel model = new SignOutModel(outbox.pending(), mode::get, choice -> {
            chosen.add(choice);
            return CompletableFuture.completedFuture(new SignOutResult(0, 2, 0, false));
        }, told::add);

        assertThat(model.asksFirst()).isFalse();
        assertThat(model.hasLocalCopy()).isTrue();
        assertThat(model.removalWarning()).isEqualTo("This deletes the copy of your deals, contacts and notifications"
                + " on this computer. The next sign-in needs the network and downloads everything again.");

        UUID move = outbox.stageMove("d1", "prospect", "proposal");
        outbox.dealEdit("d1", "value", "1", "2");
        outbox.refused(move, "No");
        assertThat(model.asksFirst()).isTrue();
        assertThat(model.question()).isEqualTo("2 changes you made are not on the server yet.");
        assertThat(model.canSendNow()).isTrue();
        assertThat(model.sendNowUnavailable()).isNull();
        assertThat(model.removalWarning()).contains(", including 2 changes that are not on the server yet and will be"
                + " lost.");

        mode.set(new SessionMode(SessionMode.Kind.OFFLINE, SYNCED, "rep@acme.example", true));
        assertThat(model.canSendNow()).isFalse();
        assertThat(model.sendNowUnavailable()).isEqualTo("The server cannot be reached now.");
        mode.set(readOnly());
        assertThat(model.sendNowUnavailable()).isEqualTo("The server no longer accepts your session.");

        model.signOut(SignOutChoice.KEEP_FOR_NEXT_TIME).join();
        assertThat(chosen).containsExactly(SignOutChoice.KEEP_FOR_NEXT_TIME);
        assertThat(told).containsExactly("2 changes are kept on this computer and will be sent when you sign in again.");
        assertThat(model.busyProperty().get()).isFalse();

        outbox.closeWorkspace();
        assertThat(model.asksFirst()).as("a live-only session never asks").isFalse();
        assertThat(model.hasLocalCopy()).isFalse();
    }

    @Test
    void aRefusedChangeIsToldWithItsReasonAndLaterOnesAreCounted() {
        RootStore root = new RootStore(Runnable::run);
        Deal deal = new Deal("d1");
        deal.setTitle("Acme renewal");
        root.deals().loadSnapshot(List.of(deal, new Deal("d2")));
        PendingFixture outbox = new PendingFixture(root);
        RejectionNotice notice = new RejectionNotice(outbox.pending());

        UUID move = outbox.stageMove("d1", "prospect", "closed-won");
        outbox.conflict(outbox.dealEdit("d2", "value", "1", "2"), Map.of("value", "3"));
        assertThat(notice.messageProperty().get()).as("a conflict is not a refusal").isNull();

        outbox.refused(move, "Deal is locked by finance");
        assertThat(notice.messageProperty().get()).isEqualTo("The server refused your stage move on \u201cAcme"
                + " renewal\u201d: Deal is locked by finance. It shows the server's version again.");

        UUID edit = outbox.dealEdit("d1", "title", "\"Acme renewal\"", "\"\"");
        outbox.refused(edit, "title must not be empty");
        assertThat(notice.messageProperty().get()).startsWith("The server refused your deal edit on")
                .endsWith("It shows the server's version again. 1 more change was refused: see Pending changes.");

        notice.dismiss();
        assertThat(notice.messageProperty().get()).isNull();
        notice.close();
        outbox.pending().retry(move).join();
        outbox.refused(move, "Still locked");
        assertThat(notice.messageProperty().get()).as("closed with its window").isNull();
    }

    @Test
    void aNoticeIsTakenOnceFromTheSession() {
        SimpleStringProperty source = new SimpleStringProperty();
        OneTimeNotice first = new OneTimeNotice(source, () -> source.set(null));

        source.set("The local copy was damaged and set aside.");

        assertThat(first.textProperty().get()).isEqualTo("The local copy was damaged and set aside.");
        assertThat(source.get()).as("dismissed in the session").isNull();
        OneTimeNotice second = new OneTimeNotice(source, () -> source.set(null));
        assertThat(second.textProperty().get()).as("the next screen does not say it again").isNull();
        first.dismiss();
        assertThat(first.textProperty().get()).isNull();
    }
}
