package com.flowcrm.store;

import static com.flowcrm.store.OutboxRig.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.api.ApiException;
import com.flowcrm.local.OutboxEntry;
import com.flowcrm.local.OutboxKind;
import com.flowcrm.local.OutboxStatus;
import com.flowcrm.local.OutboxTarget;
import com.flowcrm.model.ActivityType;
import com.flowcrm.model.CommunicationType;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.Priority;
import com.flowcrm.model.change.ContactChanges;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.NewActivity;
import com.flowcrm.model.change.NewCommunication;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox end to end in the stores: a rep's change is shown at once as pending, saved, then sent by the client's
 * own conflict rule; what the server answers becomes the confirmed state. A real workspace on disk, a fake server,
 * the direct executor, the sender run by hand.
 */
class OutboxSendingTest {
    @TempDir
    Path folder;
    private OutboxRig rig;

    @BeforeEach
    void open() {
        rig = new OutboxRig(folder);
    }

    @AfterEach
    void close() {
        rig.close();
    }

    private List<OutboxEntry> outbox() {
        return rig.workspace.outbox();
    }

    @Test
    void aStageMoveShowsAtOnceAsPendingIsSavedBeforeAnythingIsSentAndTakesTheServersAnswer() throws Exception {
        rig.run(c -> c.changeStage("d1", DealStage.NEGOTIATION));

        assertThat(rig.shown("d1").getStage()).isEqualTo(DealStage.NEGOTIATION);
        assertThat(rig.api.writes).isEmpty();
        assertThat(outbox()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(OutboxKind.STAGE_MOVE);
            assertThat(e.fields()).singleElement().satisfies(f -> {
                assertThat(f.base()).isEqualTo("\"prospect\"");
                assertThat(f.value()).isEqualTo("\"negotiation\"");
            });
        });
        assertThat(rig.pendingList()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(PendingChange.Status.WAITING);
            assertThat(c.label()).isEqualTo("Renewal");
            assertThat(c.fields()).singleElement().satisfies(f -> {
                assertThat(f.base()).isEqualTo("Prospect");
                assertThat(f.yours()).isEqualTo("Negotiation");
            });
        });
        assertThat(rig.ui(() -> rig.pending.waitingText())).isEqualTo("1 change waiting to send");
        assertThat(rig.ui(() -> rig.pending.hasWaitingChange(PendingTarget.deal("d1")))).isTrue();
        assertThat(rig.ui(() -> rig.pending.pendingFields(PendingTarget.deal("d1")))).containsExactly("stage");

        OutboxSender.PassResult pass = rig.send();

        assertThat(pass.sent()).isEqualTo(1);
        assertThat(rig.api.writes).containsExactly("stage d1 negotiation");
        assertThat(rig.api.keys).containsExactly(outboxKeyOfTheFirstChange(pass));
        assertThat(outbox()).isEmpty();
        assertThat(rig.pendingList()).isEmpty();
        assertThat(rig.shown("d1").getStage()).isEqualTo(DealStage.NEGOTIATION);
        assertThat(rig.shown("d1").getProbability()).isEqualTo(42);
        assertThat(rig.ui(() -> rig.pending.hasWaitingChange(PendingTarget.deal("d1")))).isFalse();
    }

    private String outboxKeyOfTheFirstChange(OutboxSender.PassResult pass) {
        assertThat(pass.ran()).isTrue();
        return rig.api.keys.get(0);
    }

    @Test
    void serverDataForAFieldWithAWaitingChangeGoesIntoTheConfirmedCopyNotOnScreen() throws Exception {
        rig.run(c -> c.changeStage("d1", DealStage.NEGOTIATION));

        new LiveFrames(rig.root).send("deal:updated",
                Frames.json("{\"id\":\"d1\",\"changes\":{\"stage\":\"qualified\",\"title\":\"Renewal 2027\"}}"));
        rig.settle();

        assertThat(rig.shown("d1").getStage()).isEqualTo(DealStage.NEGOTIATION);
        assertThat(rig.shown("d1").getTitle()).isEqualTo("Renewal 2027");
        assertThat(rig.ui(() -> rig.root.deals().confirmedById("d1").getStage())).isEqualTo(DealStage.QUALIFIED);

        // the rep's change is refused: the confirmed value comes back
        rig.api.failNextWrite(ApiException.Kind.REJECTED, 409, "Deal is locked by finance");
        rig.server("d1").setStage(DealStage.PROSPECT);
        List<PendingChange> refusals = new CopyOnWriteArrayList<>();
        rig.ui(() -> {
            rig.pending.addRejectionListener(refusals::add);
            return null;
        });

        assertThat(rig.send().failed()).isEqualTo(1);

        assertThat(rig.shown("d1").getStage()).isEqualTo(DealStage.QUALIFIED);
        assertThat(refusals).singleElement().satisfies(c -> assertThat(c.reason()).isEqualTo("Deal is locked by finance"));
        assertThat(rig.pendingList()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(PendingChange.Status.FAILED);
            assertThat(c.reason()).isEqualTo("Deal is locked by finance");
        });
        assertThat(rig.ui(() -> rig.pending.attentionCountProperty().get())).isEqualTo(1);
        assertThat(rig.ui(() -> rig.pending.waitingCountProperty().get())).isZero();

        // retry: shown again, sent, confirmed
        await(rig.ui(() -> rig.pending.retry(rig.pending.changes().get(0).id())));
        assertThat(rig.shown("d1").getStage()).isEqualTo(DealStage.NEGOTIATION);
        assertThat(rig.send().sent()).isEqualTo(1);
        assertThat(rig.server("d1").getStage()).isEqualTo(DealStage.NEGOTIATION);
        assertThat(rig.pendingList()).isEmpty();
    }

    @Test
    void aRefusedChangeInTheMiddleDoesNotHoldUpTheChangesBehindIt() throws Exception {
        rig.run(c -> c.changeStage("d1", DealStage.QUALIFIED));
        rig.run(c -> c.updateDeal("d1", new DealChanges().title("Renewal (3 years)")));
        rig.run(c -> c.changeStage("d2", DealStage.PROPOSAL));
        rig.api.failNextWrite(ApiException.Kind.REJECTED, 422, "Stage change not allowed");

        OutboxSender.PassResult pass = rig.send();

        assertThat(pass.failed()).isEqualTo(1);
        assertThat(pass.sent()).isEqualTo(2);
        assertThat(rig.api.writes).containsExactly("update d1 DealChanges{TITLE=Renewal (3 years), }",
                "stage d2 proposal");
        assertThat(rig.server("d1").getTitle()).isEqualTo("Renewal (3 years)");
        assertThat(rig.shown("d1").getStage()).isEqualTo(DealStage.PROSPECT);
        assertThat(rig.shown("d1").getTitle()).isEqualTo("Renewal (3 years)");
        assertThat(rig.shown("d2").getStage()).isEqualTo(DealStage.PROPOSAL);
        assertThat(outbox()).singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(OutboxStatus.FAILED));
    }

    @Test
    void aFieldTheServerAlreadyHasIsNotSentAgain() throws Exception {
        rig.run(c -> c.updateDeal("d1", new DealChanges().title("Renewal 2027").value(1500)));
        rig.server("d1").setTitle("Renewal 2027");
        rig.server("d1").setValue(1500);

        OutboxSender.PassResult pass = rig.send();

        assertThat(pass.alreadyApplied()).isEqualTo(1);
        assertThat(pass.sent()).isZero();
        assertThat(rig.api.writes).isEmpty();
        assertThat(outbox()).isEmpty();
        assertThat(rig.shown("d1").getTitle()).isEqualTo("Renewal 2027");
    }

    @Test
    void aConflictIsPerFieldTheOtherFieldsStillGoAndTheRepChooses() throws Exception {
        rig.run(c -> c.updateDeal("d1", new DealChanges().title("Renewal 2027").value(1500)));
        rig.server("d1").setTitle("Renewal (finance's name)");

        OutboxSender.PassResult pass = rig.send();

        assertThat(pass.conflicts()).isEqualTo(1);
        assertThat(rig.api.writes).containsExactly("update d1 DealChanges{VALUE=1500.0, }");
        assertThat(rig.server("d1").getValue()).isEqualTo(1500);
        assertThat(outbox()).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(OutboxStatus.CONFLICT);
            assertThat(e.fields()).singleElement().satisfies(f -> {
                assertThat(f.field()).isEqualTo("title");
                assertThat(f.base()).isEqualTo("\"Renewal\"");
                assertThat(f.value()).isEqualTo("\"Renewal 2027\"");
                assertThat(f.theirs()).isEqualTo("\"Renewal (finance's name)\"");
            });
        });
        PendingChange conflict = rig.pendingList().get(0);
        assertThat(conflict.status()).isEqualTo(PendingChange.Status.CONFLICT);
        assertThat(conflict.fields()).singleElement().satisfies(f -> {
            assertThat(f.base()).isEqualTo("Renewal");
            assertThat(f.yours()).isEqualTo("Renewal 2027");
            assertThat(f.theirs()).isEqualTo("Renewal (finance's name)");
        });
        // yours shows until the rep chooses; the confirmed copy has theirs
        assertThat(rig.shown("d1").getTitle()).isEqualTo("Renewal 2027");
        assertThat(rig.ui(() -> rig.root.deals().confirmedById("d1").getTitle())).isEqualTo("Renewal (finance's name)");

        await(rig.ui(() -> rig.pending.keepMine(conflict.id())));
        assertThat(rig.send().sent()).isEqualTo(1);

        assertThat(rig.server("d1").getTitle()).isEqualTo("Renewal 2027");
        assertThat(rig.api.keys.get(1)).isNotEqualTo(rig.api.keys.get(0));
        assertThat(outbox()).isEmpty();
    }

    @Test
    void keepMineGoesOverWhatTheServerHasWhenItIsSentNotOnlyOverWhatTheRepSaw() throws Exception {
        rig.run(c -> c.updateDeal("d1", new DealChanges().title("Renewal 2027")));
        rig.server("d1").setTitle("Renewal (finance's name)");
        assertThat(rig.send().conflicts()).isEqualTo(1);
        PendingChange conflict = rig.pendingList().get(0);

        await(rig.ui(() -> rig.pending.keepMine(conflict.id())));
        // a colleague renames it again before the kept change goes out: the rep's decision still stands
        rig.server("d1").setTitle("Renewal (legal's name)");
        OutboxSender.PassResult pass = rig.send();

        assertThat(pass.sent()).isEqualTo(1);
        assertThat(pass.conflicts()).isZero();
        assertThat(rig.server("d1").getTitle()).isEqualTo("Renewal 2027");
        assertThat(outbox()).isEmpty();
    }

    @Test
    void twoKeptChangesOfOneFieldEndWithTheRepsLaterValueAndTheFirstDoesNotTurnTheSecondIntoAConflict() throws Exception {
        rig.run(c -> c.updateDeal("d1", new DealChanges().value(1500)));
        rig.run(c -> c.updateDeal("d1", new DealChanges().value(1700)));
        rig.server("d1").setValue(900);
        assertThat(rig.send().conflicts()).isEqualTo(2);

        for (PendingChange change : List.copyOf(rig.pendingList())) {
            await(rig.ui(() -> rig.pending.keepMine(change.id())));
        }
        OutboxSender.PassResult pass = rig.send();

        assertThat(pass.conflicts()).isZero();
        assertThat(rig.server("d1").getValue()).isEqualTo(1700);
        assertThat(outbox()).isEmpty();
    }

    @Test
    void aWriteCarriesTheVersionItsFieldsWereCheckedAgainstAsIfMatch() throws Exception {
        rig.run(c -> c.updateDeal("d1", new DealChanges().title("Renewal 2027")));
        // a colleague changed another field meanwhile: the version moved on, the title is still the rep's base
        rig.server("d1").setValue(99_000);
        rig.server("d1").setVersion(7);

        assertThat(rig.send().sent()).isEqualTo(1);

        assertThat(rig.api.writes).containsExactly("update d1 DealChanges{TITLE=Renewal 2027, }");
        assertThat(rig.api.ifMatches).containsExactly("7");
        assertThat(rig.server("d1").getValue()).isEqualTo(99_000);
    }

    @Test
    void aServerThatKeepsAnsweringStaleTurnsTheFieldsIntoAConflictTheRepResolves() throws Exception {
        rig.run(c -> c.updateDeal("d1", new DealChanges().title("Renewal 2027")));
        rig.server("d1").setVersion(3);
        for (int i = 0; i < 3; i++) {
            rig.api.failNextWrite(ApiException.Kind.STALE, 412, "the record is at version 4");
        }

        OutboxSender.PassResult pass = rig.send();

        assertThat(pass.conflicts()).isEqualTo(1);
        assertThat(pass.failed()).isZero();
        assertThat(rig.api.writes).isEmpty();
        assertThat(outbox()).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(OutboxStatus.CONFLICT);
            assertThat(e.fields()).singleElement().satisfies(f -> {
                assertThat(f.field()).isEqualTo("title");
                assertThat(f.theirs()).isEqualTo("\"Renewal\"");
            });
        });
        assertThat(rig.pendingList()).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(PendingChange.Status.CONFLICT));
        assertThat(rig.shown("d1").getTitle()).isEqualTo("Renewal 2027");

        await(rig.ui(() -> rig.pending.keepMine(rig.pending.changes().get(0).id())));
        assertThat(rig.send().sent()).isEqualTo(1);
        assertThat(rig.server("d1").getTitle()).isEqualTo("Renewal 2027");
        assertThat(rig.api.ifMatches).containsExactly("3");
        assertThat(outbox()).isEmpty();
    }

    @Test
    void keepTheirsDropsTheRepsValueAndShowsTheServers() throws Exception {
        rig.run(c -> c.changeStage("d1", DealStage.NEGOTIATION));
        rig.server("d1").setStage(DealStage.CLOSED_LOST);

        assertThat(rig.send().conflicts()).isEqualTo(1);
        assertThat(rig.api.writes).isEmpty();
        assertThat(rig.shown("d1").getStage()).isEqualTo(DealStage.NEGOTIATION);

        await(rig.ui(() -> rig.pending.keepTheirs(rig.pending.changes().get(0).id())));

        assertThat(rig.shown("d1").getStage()).isEqualTo(DealStage.CLOSED_LOST);
        assertThat(outbox()).isEmpty();
        assertThat(rig.pendingList()).isEmpty();
    }

    @Test
    void anActivityWhoseAnswerWasLostIsNotSentAgainWhenTheServerHasIt() throws Exception {
        Instant when = Instant.parse("2026-03-02T09:30:00Z");
        DealActivity shown = rig.run(c -> c.logActivity("d1",
                new NewActivity(ActivityType.CALL, when, "Called the buyer", null, null)));
        assertThat(shown.id()).startsWith("pending-");
        assertThat(rig.shown("d1").getActivities()).containsExactly(shown);
        rig.api.loseNextAnswer = new ApiException(ApiException.Kind.UNREACHABLE, 0, "timed out");

        OutboxSender.PassResult lost = rig.send();

        assertThat(lost.unreachable()).isTrue();
        assertThat(rig.server("d1").getActivities()).hasSize(1);
        assertThat(outbox()).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(OutboxStatus.WAITING);
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.reason()).isEqualTo("timed out");
        });
        rig.clock.now = rig.clock.now.plus(Duration.ofMinutes(1));

        OutboxSender.PassResult again = rig.send();

        assertThat(again.alreadyApplied()).isEqualTo(1);
        assertThat(rig.api.writes).containsExactly("activity d1 Called the buyer");
        assertThat(rig.server("d1").getActivities()).hasSize(1);
        assertThat(outbox()).isEmpty();
        assertThat(rig.shown("d1").getActivities()).extracting(DealActivity::description).containsExactly("Called the buyer");
        assertThat(rig.shown("d1").getActivities().get(0).id()).doesNotStartWith("pending-");
    }

    @Test
    void anActivityWhoseSendFailedBeforeTheServerStoredItIsSentOnce() throws Exception {
        rig.run(c -> c.logActivity("d1", new NewActivity(ActivityType.NOTE, Instant.parse("2026-03-01T00:00:00Z"),
                "Budget approved", null, null)));
        rig.api.failNextWrite(ApiException.Kind.SERVER_ERROR, 503, "Service unavailable");

        assertThat(rig.send().sent()).isZero();
        rig.clock.now = rig.clock.now.plus(Duration.ofMinutes(1));
        assertThat(rig.send().sent()).isEqualTo(1);

        assertThat(rig.server("d1").getActivities()).extracting(DealActivity::description).containsExactly("Budget approved");
    }

    /**
     * The soak's case: the edit reached the server as a stall began, its answer never came, and a colleague changed
     * the same field before the retry. Not a conflict (the rep's change was applied, then superseded): the server's
     * stored answer under the change's key says so, and nothing is written again.
     */
    @Test
    void anEditWhoseAnswerWasLostAndThatAColleagueThenChangedIsNotAConflictNorWrittenAgain() throws Exception {
        rig.api.keysAndVersions = true;
        rig.server("d1").setVersion(4);
        rig.run(c -> c.updateDeal("d1", new DealChanges().value(1700)));
        rig.api.loseNextAnswer = new ApiException(ApiException.Kind.UNREACHABLE, 0, "did not answer within 15 s");

        assertThat(rig.send().unreachable()).isTrue();
        assertThat(rig.server("d1").getValue()).isEqualTo(1700);
        // a colleague's later change of the same field
        rig.server("d1").setValue(2500);
        rig.server("d1").setVersion(6);
        rig.clock.now = rig.clock.now.plus(Duration.ofMinutes(1));

        OutboxSender.PassResult again = rig.send();

        assertThat(again.conflicts()).isZero();
        assertThat(again.alreadyApplied()).isEqualTo(1);
        assertThat(rig.api.writes).containsExactly("update d1 DealChanges{VALUE=1700.0, }");
        assertThat(rig.api.replays).containsExactly("update d1 DealChanges{VALUE=1700.0, }");
        assertThat(rig.server("d1").getValue()).isEqualTo(2500);
        assertThat(outbox()).isEmpty();
        assertThat(rig.shown("d1").getValue()).isEqualTo(2500);
    }

    /** The other side: the first send never ran, so the colleague's value stands and the rep decides. */
    @Test
    void anEditThatNeverReachedTheServerIsStillAConflictAndTheAskingWritesNothing() throws Exception {
        rig.api.keysAndVersions = true;
        rig.server("d1").setVersion(4);
        rig.run(c -> c.updateDeal("d1", new DealChanges().value(1700)));
        rig.api.failNextWrite(ApiException.Kind.UNREACHABLE, 0, "did not answer within 15 s");

        assertThat(rig.send().unreachable()).isTrue();
        rig.server("d1").setValue(2500);
        rig.server("d1").setVersion(6);
        rig.clock.now = rig.clock.now.plus(Duration.ofMinutes(1));

        OutboxSender.PassResult again = rig.send();

        assertThat(again.conflicts()).isEqualTo(1);
        assertThat(rig.api.writes).isEmpty();
        assertThat(rig.api.replays).isEmpty();
        assertThat(rig.server("d1").getValue()).isEqualTo(2500);
        assertThat(outbox()).singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(OutboxStatus.CONFLICT));
    }

    @Test
    void contactEditsCommunicationsAndReadMarksGoThroughTheOutboxToo() throws Exception {
        rig.run(c -> c.updateContact("c1", new ContactChanges().title("CEO")));
        rig.run(c -> c.logCommunication("c1", new NewCommunication(CommunicationType.EMAIL,
                Instant.parse("2026-03-02T08:00:00Z"), "Renewal", "Sent the renewal quote")));
        rig.run(c -> c.markNotificationRead("n1"));
        assertThat(rig.ui(() -> rig.root.contacts().byId("c1").getTitle())).isEqualTo("CEO");
        assertThat(rig.ui(() -> List.copyOf(rig.root.contacts().byId("c1").getCommunicationHistory()))).hasSize(1);
        assertThat(rig.ui(() -> rig.root.notifications().getUnreadCount())).isEqualTo(1);
        assertThat(rig.ui(() -> rig.pending.waitingCountProperty().get())).isEqualTo(3);

        rig.run(c -> c.markAllNotificationsRead());
        assertThat(rig.ui(() -> rig.root.notifications().getUnreadCount())).isZero();

        OutboxSender.PassResult pass = rig.send();

        assertThat(pass.sent()).isEqualTo(4);
        assertThat(rig.api.writes).containsExactly("contact c1 ContactChanges{TITLE=CEO, }",
                "communication c1 Sent the renewal quote", "read n1", "read n2");
        assertThat(rig.api.contacts.get(0).getTitle()).isEqualTo("CEO");
        assertThat(rig.api.notifications).allSatisfy(n -> assertThat(n.isRead()).isTrue());
        assertThat(rig.ui(() -> rig.root.notifications().getUnreadCount())).isZero();
        assertThat(rig.ui(() -> List.copyOf(rig.root.contacts().byId("c1").getCommunicationHistory()))).singleElement()
                .satisfies(c -> assertThat(c.id()).doesNotStartWith("pending-"));
        assertThat(outbox()).isEmpty();
    }

    @Test
    void aChangeTheDiskRefusesIsRolledBackWithTheMessage() throws Exception {
        com.flowcrm.local.WorkspaceTestHooks.diskFull(rig.workspace.workspace(), true);
        String bigText = "x".repeat(300_000);

        Throwable error = rig.failureOf(c -> c.logActivity("d1",
                new NewActivity(ActivityType.NOTE, OutboxRig.NOW, bigText, null, null)));

        assertThat(error).isInstanceOf(SessionException.class).hasMessageContaining("Not saved")
                .hasMessageContaining("no room left on the disk");
        assertThat(rig.shown("d1").getActivities()).isEmpty();
        assertThat(rig.pendingList()).isEmpty();
        com.flowcrm.local.WorkspaceTestHooks.diskFull(rig.workspace.workspace(), false);
        rig.run(c -> c.changeStage("d1", DealStage.QUALIFIED));
        assertThat(outbox()).hasSize(1);
    }

    @Test
    void aTokenTheServerRefusesKeepsTheChangeAndTellsTheSession() throws Exception {
        rig.run(c -> c.changeStage("d1", DealStage.QUALIFIED));
        rig.run(c -> c.changeStage("d2", DealStage.PROPOSAL));
        rig.api.failNextWrite(ApiException.Kind.UNAUTHORIZED, 401, "token expired");

        OutboxSender.PassResult pass = rig.send();

        assertThat(pass.refused()).isTrue();
        assertThat(rig.refused).hasSize(1);
        assertThat(outbox()).hasSize(2).allSatisfy(e -> assertThat(e.status()).isEqualTo(OutboxStatus.WAITING));
        assertThat(outbox().get(0).reason()).isEqualTo(OfflineSession.SIGN_IN_AGAIN);
        assertThat(rig.shown("d1").getStage()).isEqualTo(DealStage.QUALIFIED);
    }

    @Test
    void theSenderNeverSendsForASessionThatMayNot() throws Exception {
        rig.run(c -> c.changeStage("d1", DealStage.QUALIFIED));
        rig.canSend = false;

        assertThat(rig.send().ran()).isFalse();
        assertThat(rig.api.writes).isEmpty();
    }

    @Test
    void waitingChangesAreLayeredAgainWhenTheAppStartsFromTheLocalCopy() throws Exception {
        rig.run(c -> c.changeStage("d1", DealStage.NEGOTIATION));
        rig.run(c -> c.updateDeal("d2", new DealChanges().priority(Priority.HIGH)));
        rig.run(c -> c.logActivity("d3", new NewActivity(ActivityType.MEETING, OutboxRig.NOW, "Demo", null, null)));
        rig.restart();

        assertThat(rig.shown("d1").getStage()).isEqualTo(DealStage.NEGOTIATION);
        assertThat(rig.shown("d2").getPriority()).isEqualTo(Priority.HIGH);
        assertThat(rig.shown("d3").getActivities()).extracting(DealActivity::description).containsExactly("Demo");
        assertThat(rig.pendingList()).hasSize(3);
        // the confirmed copy on disk has what the server said, never the rep's waiting values
        assertThat(rig.workspace.workspace().readRecord(com.flowcrm.local.RecordType.DEAL, "d1").orElseThrow())
                .contains("\"stage\":\"prospect\"");
        assertThat(rig.workspace.workspace().readRecord(com.flowcrm.local.RecordType.DEAL, "d3").orElseThrow())
                .doesNotContain("Demo");

        assertThat(rig.send().sent()).isEqualTo(3);
        assertThat(rig.server("d1").getStage()).isEqualTo(DealStage.NEGOTIATION);
        assertThat(rig.server("d2").getPriority()).isEqualTo(Priority.HIGH);
        assertThat(rig.server("d3").getActivities()).hasSize(1);
    }

    @Test
    void aChangeSavedByAnotherProcessShowsAfterTheNextReadOfTheOutbox() throws Exception {
        OutboxEntry elsewhere = rig.workspace.workspace().outbox().newEntry(OutboxKind.STAGE_MOVE,
                OutboxTarget.deal("d2"), List.of(com.flowcrm.local.FieldChange.of("stage", "\"qualified\"", "\"closed-won\"")),
                null);
        await(rig.workspace.workspace().outbox().append(elsewhere));
        assertThat(rig.shown("d2").getStage()).isEqualTo(DealStage.QUALIFIED);

        rig.canSend = false;
        rig.workspace.startSending();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> rig.shown("d2").getStage() == DealStage.CLOSED_WON);

        assertThat(rig.ui(() -> rig.pending.hasWaitingChange(PendingTarget.deal("d2")))).isTrue();
    }
}
