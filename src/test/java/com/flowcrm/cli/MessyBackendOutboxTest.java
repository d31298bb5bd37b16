package com.flowcrm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.local.credentials.InMemoryCredentialStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox against a backend with none of the protocol additions (no idempotency keys, no versions): every change
 * still reaches it exactly once, also when the answer to a write is lost after the write was applied. The client's
 * own checks do it: the fields are compared with the record before anything is sent again, and an activity is looked
 * for (same type, day and text) before it is posted again.
 */
class MessyBackendOutboxTest {
    @TempDir
    Path home;

    @Test
    void everyChangeIsAppliedExactlyOnceEvenWhenAnswersAreLost() throws Exception {
        try (MessyBackend backend = new MessyBackend()) {
            Map<String, String> env = Map.of("FLOW_PASSWORD", "secret");
            LocalFiles files = new LocalFiles(home.resolve("workspaces"), home.resolve("native"),
                    InMemoryCredentialStore::new);
            CommandFactory factory = new CommandFactory(env, files);
            String[] server = {"--api", backend.apiUrl(), "--ws", backend.wsUrl(), "--email", "pat@messy.io"};

            CliRun first = CliRun.of(factory, SyncCommand.class, server);
            assertThat(first.code()).as(first.err()).isZero();

            // the edit is applied, its answer lost: the command cannot tell, so it stays queued
            backend.answersToLose.set(1);
            CliRun edit = CliRun.of(factory, DealCommand.class,
                    concat(new String[] {"update", "d-17", "--set", "title=Messy renewal 2027", "--set", "value=13000"}, server));
            assertThat(edit.code()).as(edit.err()).isZero();
            assertThat(edit.out()).isEqualTo("queued: will be sent by the next sync\n");
            assertThat(backend.applied).hasSize(1);

            backend.answersToLose.set(1);
            CliRun activity = CliRun.of(factory, DealCommand.class, concat(new String[] {"log-activity", "d-17",
                    "--type", "call", "--description", "Called about the renewal", "--date", "2026-03-15T14:30:00Z"}, server));
            assertThat(activity.out()).isEqualTo("queued: will be sent by the next sync\n");
            backend.answersToLose.set(1);
            CliRun stage = CliRun.of(factory, DealCommand.class,
                    concat(new String[] {"stage", "d-17", "negotiation"}, server));
            assertThat(stage.out()).isEqualTo("queued: will be sent by the next sync\n");
            assertThat(backend.applied).hasSize(3);

            // each command sends what waits before its own change: the activity's command found the edit already
            // there (fields compared), the stage's command found the activity (same type, day and text); sync the stage
            CliRun sync = CliRun.of(factory, SyncCommand.class, server);

            assertThat(sync.code()).as(sync.err()).isZero();
            assertThat(sync.out()).isEqualTo("sent 0, already applied 1, conflicts 0, failed 0\n");
            assertThat(backend.applied).hasSize(3);
            assertThat(backend.applied.get(0)).startsWith("PUT d-17");
            assertThat(backend.applied.get(1)).isEqualTo("POST d-17 activity Called about the renewal");
            assertThat(backend.applied.get(2)).startsWith("PATCH d-17");
            assertThat(backend.deal("d-17").get("title").getAsString()).isEqualTo("Messy renewal 2027");
            assertThat(backend.deal("d-17").get("stage").getAsString()).isEqualTo("negotiation");
            assertThat(backend.deal("d-17").getAsJsonArray("activities")).hasSize(2);

            // and a change whose answer comes is sent once, at once
            CliRun more = CliRun.of(factory, DealCommand.class,
                    concat(new String[] {"update", "d-17", "--set", "priority=low"}, server));
            assertThat(more.out()).isEqualTo("sent\n");
            assertThat(backend.applied).hasSize(4);
            assertThat(CliRun.of(factory, SyncCommand.class, server).out())
                    .isEqualTo("sent 0, already applied 0, conflicts 0, failed 0\n");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
