package com.flowcrm.local;

import static com.flowcrm.local.LocalTestSupport.DANA;
import static com.flowcrm.local.LocalTestSupport.NOW;
import static com.flowcrm.local.LocalTestSupport.await;
import static com.flowcrm.local.LocalTestSupport.dealJson;
import static com.flowcrm.local.LocalTestSupport.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    @TempDir
    Path folder;
    private Workspace workspace;
    private Outbox outbox;

    @BeforeEach
    void open() {
        workspace = LocalTestSupport.workspaces(folder).open(DANA).workspace();
        outbox = workspace.outbox();
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private OutboxEntry stageMove(String dealId, String from, String to) {
        return await(outbox.append(outbox.newEntry(OutboxKind.STAGE_MOVE, OutboxTarget.deal(dealId),
                List.of(FieldChange.of("stage", quote(from), quote(to))), null)));
    }

    private OutboxEntry dealEdit(String dealId) {
        return await(outbox.append(outbox.newEntry(OutboxKind.DEAL_EDIT, OutboxTarget.deal(dealId), List.of(
                FieldChange.of("value", "12500", "15000"), FieldChange.of("title", "\"Acme\"", "\"Acme renewal\"")),
                null)));
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }

    private void reopen() {
        workspace.close();
        workspace = LocalTestSupport.workspaces(folder).open(DANA).workspace();
        outbox = workspace.outbox();
    }

    @Test
    void anAppendedChangeIsCommittedWithEverythingItCarriesAndComesBackAfterAReopen() {
        OutboxEntry move = stageMove("d1", "prospect", "qualified");
        OutboxEntry activity = await(outbox.append(outbox.newEntry(OutboxKind.LOG_ACTIVITY, OutboxTarget.deal("d1"),
                List.of(), "{\"type\":\"call\",\"date\":\"2026-12-04T10:00:00Z\",\"description\":\"Called Ana\"}")));
        OutboxEntry allRead = await(outbox.append(outbox.newEntry(OutboxKind.MARK_ALL_READ,
                OutboxTarget.ALL_NOTIFICATIONS, List.of(), null)));
        reopen();

        List<OutboxEntry> entries = outbox.list();
        assertThat(entries).containsExactly(move, activity, allRead);
        OutboxEntry stored = entries.get(0);
        assertThat(stored.idempotencyKey()).isEqualTo(stored.id());
        assertThat(stored.createdAt()).isEqualTo(NOW);
        assertThat(stored.status()).isEqualTo(OutboxStatus.WAITING);
        assertThat(stored.fields()).containsExactly(new FieldChange("stage", "\"prospect\"", "\"qualified\"", null));
        assertThat(entries).extracting(OutboxEntry::order).isSorted().doesNotHaveDuplicates();
        assertThat(entries.get(1).payloadJson()).contains("Called Ana");
        assertThat(outbox.find(move.id())).contains(move);
    }

    @Test
    void everyKindOfChangeCanBeKept() {
        stageMove("d1", "prospect", "qualified");
        dealEdit("d1");
        await(outbox.append(outbox.newEntry(OutboxKind.LOG_ACTIVITY, OutboxTarget.deal("d1"), List.of(),
                "{\"type\":\"note\",\"description\":\"x\"}")));
        await(outbox.append(outbox.newEntry(OutboxKind.CONTACT_EDIT, OutboxTarget.contact("c1"),
                List.of(FieldChange.of("phone", "null", "\"+49 30 1234\"")), null)));
        await(outbox.append(outbox.newEntry(OutboxKind.LOG_COMMUNICATION, OutboxTarget.contact("c1"), List.of(),
                "{\"type\":\"email\",\"summary\":\"Sent the offer\"}")));
        await(outbox.append(outbox.newEntry(OutboxKind.MARK_NOTIFICATION_READ, OutboxTarget.notification("n1"),
                List.of(FieldChange.of("read", "false", "true")), null)));
        await(outbox.append(outbox.newEntry(OutboxKind.MARK_ALL_READ, OutboxTarget.ALL_NOTIFICATIONS, List.of(), null)));

        assertThat(outbox.list()).extracting(OutboxEntry::kind).containsExactly(OutboxKind.values());
    }

    @Test
    void badChangesAreRefusedOnTheCallersThreadWithWhatIsWrong() {
        assertThatThrownBy(() -> outbox.newEntry(OutboxKind.STAGE_MOVE, OutboxTarget.contact("c1"),
                List.of(FieldChange.of("stage", "\"a\"", "\"b\"")), null)).hasMessageContaining("changes a deal");
        assertThatThrownBy(() -> outbox.newEntry(OutboxKind.STAGE_MOVE, OutboxTarget.deal("d1"),
                List.of(FieldChange.of("value", "1", "2")), null)).hasMessageContaining("\"stage\"");
        assertThatThrownBy(() -> outbox.newEntry(OutboxKind.LOG_ACTIVITY, OutboxTarget.deal("d1"), List.of(), "[1]"))
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> outbox.newEntry(OutboxKind.LOG_ACTIVITY, OutboxTarget.deal("d1"), List.of(), "{oops"))
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> FieldChange.of("title", "Acme", "\"Acme 2\"")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> FieldChange.of("title", null, "\"x\"")).hasMessageContaining("missing");
        assertThatThrownBy(() -> outbox.newEntry(OutboxKind.DEAL_EDIT, OutboxTarget.deal("d1"), List.of(), null))
                .hasMessageContaining("changes no field");
        assertThatThrownBy(() -> outbox.newEntry(OutboxKind.DEAL_EDIT, OutboxTarget.deal("d1"),
                List.of(FieldChange.of("value", "1", "2"), FieldChange.of("value", "1", "3")), null))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> outbox.newEntry(OutboxKind.MARK_NOTIFICATION_READ, OutboxTarget.ALL_NOTIFICATIONS,
                List.of(FieldChange.of("read", "false", "true")), null)).hasMessageContaining("MARK_ALL_READ");
        assertThat(outbox.list()).isEmpty();
    }

    @Test
    void theSameEntryIsNeverAppendedTwice() {
        OutboxEntry entry = outbox.newEntry(OutboxKind.STAGE_MOVE, OutboxTarget.deal("d1"),
                List.of(FieldChange.of("stage", "\"prospect\"", "\"qualified\"")), null);
        await(outbox.append(entry));

        Throwable twice = failureOf(outbox.append(entry));

        assertThat(twice).isInstanceOf(WorkspaceException.class).hasMessageContaining("already in the outbox");
        assertThat(outbox.list()).hasSize(1);
    }

    @Test
    void aSendThatSucceedsRemovesTheEntryAndSavesTheServersAnswerInTheSameTransaction() {
        OutboxEntry move = stageMove("d1", "prospect", "qualified");
        OutboxEntry sending = await(outbox.markSending(move.id()));
        assertThat(sending.status()).isEqualTo(OutboxStatus.SENDING);
        assertThat(sending.attempts()).isEqualTo(1);

        var sent = await(outbox.markSent(move.id(), List.of(new ConfirmedRecord(RecordType.DEAL, "d1", dealJson("d1", 5)))));

        assertThat(sent).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(OutboxStatus.SENT));
        assertThat(outbox.list()).isEmpty();
        assertThat(workspace.readRecord(RecordType.DEAL, "d1")).contains(dealJson("d1", 5));
        assertThat(workspace.stats().transactions()).isEqualTo(3);
    }

    @Test
    void theServersAnswerWinsOverAnOlderLiveEventButNotOverANewerOne() {
        OutboxEntry move = stageMove("d1", "prospect", "qualified");
        workspace.upsert(RecordType.DEAL, "d1", dealJson("d1", 1));
        var sent = outbox.markSent(move.id(), List.of(new ConfirmedRecord(RecordType.DEAL, "d1", dealJson("d1", 2))));
        workspace.upsert(RecordType.DEAL, "d1", dealJson("d1", 3));
        await(sent);
        await(workspace.flush());

        assertThat(workspace.readRecord(RecordType.DEAL, "d1")).contains(dealJson("d1", 3));
    }

    @Test
    void markingSentAnEntryTheRepDiscardedMeanwhileStillSavesTheAnswer() {
        OutboxEntry move = stageMove("d1", "prospect", "qualified");
        await(outbox.discard(move.id()));

        var sent = await(outbox.markSent(move.id(), List.of(new ConfirmedRecord(RecordType.DEAL, "d1", dealJson("d1", 9)))));

        assertThat(sent).isEmpty();
        assertThat(workspace.readRecord(RecordType.DEAL, "d1")).contains(dealJson("d1", 9));
    }

    @Test
    void aNetworkErrorPutsTheEntryBackToWaitUntilItsNextAttempt() {
        OutboxEntry move = stageMove("d1", "prospect", "qualified");
        await(outbox.markSending(move.id()));
        Instant next = NOW.plusSeconds(4);

        OutboxEntry retried = await(outbox.scheduleRetry(move.id(), next, "Cannot reach the server"));

        assertThat(retried.status()).isEqualTo(OutboxStatus.WAITING);
        assertThat(retried.nextAttemptAt()).isEqualTo(next);
        assertThat(retried.reason()).isEqualTo("Cannot reach the server");
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.idempotencyKey()).isEqualTo(move.idempotencyKey());
        OutboxEntry now = await(outbox.retry(move.id()));
        assertThat(now.nextAttemptAt()).isNull();
        assertThat(now.reason()).isNull();
    }

    @Test
    void aRefusedChangeIsMarkedFailedWithTheReasonAndDoesNotHoldUpTheOnesBehindIt() {
        OutboxEntry first = stageMove("d1", "prospect", "qualified");
        OutboxEntry second = stageMove("d1", "qualified", "proposal");
        await(outbox.markSending(first.id()));

        OutboxEntry failed = await(outbox.markFailed(first.id(), "Stage 'qualified' is not allowed for closed deals"));
        await(outbox.markSending(second.id()));

        assertThat(failed.status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(outbox.find(first.id())).hasValueSatisfying(e ->
                assertThat(e.reason()).isEqualTo("Stage 'qualified' is not allowed for closed deals"));
        assertThat(outbox.find(second.id())).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(OutboxStatus.SENDING));
        OutboxEntry again = await(outbox.retry(first.id()));
        assertThat(again.status()).isEqualTo(OutboxStatus.WAITING);
        assertThat(again.reason()).isNull();
        assertThat(again.attempts()).isZero();
    }

    @Test
    void aConflictKeepsOnlyTheConflictingFieldsWithTheirValueThenKeepMineRebasesUnderANewKeyAndIsKeptAcrossAReopen() {
        OutboxEntry edit = dealEdit("d1");
        await(outbox.markSending(edit.id()));

        OutboxEntry conflict = await(outbox.markConflict(edit.id(), Map.of("value", "14000")));

        assertThat(conflict.status()).isEqualTo(OutboxStatus.CONFLICT);
        assertThat(conflict.fields()).containsExactly(new FieldChange("value", "12500", "15000", "14000"));
        OutboxEntry mine = await(outbox.keepMine(edit.id()));
        assertThat(mine.status()).isEqualTo(OutboxStatus.WAITING);
        assertThat(mine.fields()).containsExactly(new FieldChange("value", "14000", "15000", null, true));
        assertThat(mine.idempotencyKey()).isNotEqualTo(edit.idempotencyKey());
        assertThat(mine.id()).isEqualTo(edit.id());
        reopen();
        assertThat(outbox.find(edit.id())).contains(mine);
    }

    @Test
    void keepTheirsRemovesTheEntry() {
        OutboxEntry edit = dealEdit("d1");
        await(outbox.markConflict(edit.id(), Map.of("value", "14000", "title", "\"Acme EU\"")));

        OutboxEntry removed = await(outbox.keepTheirs(edit.id()));

        assertThat(removed.fields()).extracting(FieldChange::theirs).containsExactly("14000", "\"Acme EU\"");
        assertThat(outbox.list()).isEmpty();
    }

    @Test
    void stepsInTheWrongStatusAreRefusedAndChangeNothing() {
        OutboxEntry move = stageMove("d1", "prospect", "qualified");
        OutboxEntry activity = await(outbox.append(outbox.newEntry(OutboxKind.LOG_ACTIVITY, OutboxTarget.deal("d1"),
                List.of(), "{\"type\":\"note\",\"description\":\"x\"}")));

        assertThat(failureOf(outbox.keepMine(move.id()))).isInstanceOfSatisfying(WorkspaceException.class,
                e -> assertThat(e.kind()).isEqualTo(WorkspaceException.Kind.WRONG_STATUS))
                .hasMessageContaining("while it is waiting");
        assertThat(failureOf(outbox.markConflict(move.id(), Map.of("title", "\"x\"")))).hasMessageContaining("does not change title");
        assertThat(failureOf(outbox.markConflict(activity.id(), Map.of("description", "\"y\""))))
                .hasMessageContaining("cannot conflict");
        await(outbox.markFailed(move.id(), "Refused"));
        assertThat(failureOf(outbox.markSending(move.id()))).hasMessageContaining("while it is failed");
        assertThat(failureOf(outbox.markSent(move.id(), List.of()))).hasMessageContaining("while it is failed");
        assertThat(failureOf(outbox.discard(UUID.randomUUID()))).isInstanceOfSatisfying(WorkspaceException.class,
                e -> assertThat(e.kind()).isEqualTo(WorkspaceException.Kind.ENTRY_NOT_FOUND));

        assertThat(outbox.list()).extracting(OutboxEntry::status).containsExactly(OutboxStatus.FAILED, OutboxStatus.WAITING);
    }

    @Test
    void aRefusedStepInTheSameTransactionAsOthersDoesNotTakeThemDown() {
        OutboxEntry move = stageMove("d1", "prospect", "qualified");
        OutboxEntry next = outbox.newEntry(OutboxKind.STAGE_MOVE, OutboxTarget.deal("d2"),
                List.of(FieldChange.of("stage", "\"prospect\"", "\"proposal\"")), null);

        var refused = outbox.keepTheirs(move.id());
        var appended = outbox.append(next);
        var sending = outbox.markSending(move.id());

        assertThat(failureOf(refused)).isInstanceOf(WorkspaceException.class);
        assertThat(await(appended).id()).isEqualTo(next.id());
        assertThat(await(sending).status()).isEqualTo(OutboxStatus.SENDING);
        assertThat(outbox.list()).extracting(OutboxEntry::id).containsExactly(move.id(), next.id());
    }

    @Test
    void discardRemovesAnEntryInAnyStatus() {
        OutboxEntry waiting = stageMove("d1", "prospect", "qualified");
        OutboxEntry sending = stageMove("d2", "prospect", "qualified");
        await(outbox.markSending(sending.id()));

        await(outbox.discard(waiting.id()));
        await(outbox.discard(sending.id()));

        assertThat(outbox.list()).isEmpty();
    }

    @Test
    void changesToOneRecordKeepTheOrderTheyWereMadeIn() {
        for (int i = 0; i < 20; i++) {
            outbox.append(outbox.newEntry(OutboxKind.DEAL_EDIT, OutboxTarget.deal("d" + (i % 3)),
                    List.of(FieldChange.of("value", String.valueOf(i), String.valueOf(i + 1))), null));
        }
        await(workspace.flush());

        List<OutboxEntry> d1 = outbox.list().stream().filter(e -> e.target().equals(OutboxTarget.deal("d1"))).toList();
        assertThat(d1).extracting(e -> e.fields().get(0).base()).containsExactly("1", "4", "7", "10", "13", "16", "19");
    }
}
