package com.flowcrm.local;

import static com.flowcrm.local.LocalTestSupport.DANA;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a process that is writing: every change it reported saved is there, whole, and nothing else broke. */
class KillDurabilityTest {
    @TempDir
    Path folder;

    @Test
    void everyChangeReportedSavedSurvivesKillMinus9WholeAndSendingOnesStayResendable() throws Exception {
        for (int round = 1; round <= 2; round++) {
            List<String> lines = runChildAndKill(round == 1 ? 400 : 200);
            verify(lines);
        }
    }

    private List<String> runChildAndKill(int committedBeforeKill) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "--enable-native-access=ALL-UNNAMED", WorkspaceKillChild.class.getName(), folder.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // The pipe breaks when the child is killed.
            }
        });
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        try {
            while (lines.stream().filter(l -> l.startsWith("committed")).count() < committedBeforeKill) {
                assertThat(child.isAlive()).as("child alive (output so far: %s)", lines).isTrue();
                assertThat(System.nanoTime()).as("child too slow").isLessThan(deadline);
                Thread.sleep(5);
            }
        } finally {
            // kill -9 while it keeps writing.
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        reader.join(10_000);
        assertThat(child.exitValue()).isEqualTo(137);
        return new ArrayList<>(lines);
    }

    private void verify(List<String> lines) {
        Map<UUID, Long> committed = new HashMap<>();
        List<UUID> sending = new ArrayList<>();
        for (String line : lines) {
            String[] parts = line.split(" ");
            if (parts[0].equals("committed")) {
                committed.put(UUID.fromString(parts[1]), Long.parseLong(parts[2]));
            } else if (parts[0].equals("sending")) {
                sending.add(UUID.fromString(parts[1]));
            }
        }
        OpenedWorkspace opened = LocalTestSupport.workspaces(folder).open(DANA);
        try (Workspace workspace = opened.workspace()) {
            assertThat(opened.recovery()).as("no damage after kill -9").isEmpty();
            assertThat(workspace.checkIntegrity()).isEmpty();
            Map<UUID, OutboxEntry> onDisk = new HashMap<>();
            workspace.outbox().list().forEach(e -> onDisk.put(e.id(), e));

            for (Map.Entry<UUID, Long> c : committed.entrySet()) {
                OutboxEntry entry = onDisk.get(c.getKey());
                long n = c.getValue();
                assertThat(entry).as("change %s (#%d) reported saved", c.getKey(), n).isNotNull();
                assertThat(entry.kind()).isEqualTo(OutboxKind.DEAL_EDIT);
                assertThat(entry.target()).isEqualTo(OutboxTarget.deal(WorkspaceKillChild.dealId(n)));
                assertThat(entry.fields()).isEqualTo(WorkspaceKillChild.fields(n));
                assertThat(entry.idempotencyKey()).isEqualTo(entry.id());
            }
            for (UUID id : sending) {
                OutboxEntry entry = onDisk.get(id);
                assertThat(entry.status()).as("a change being sent stays re-sendable").isEqualTo(OutboxStatus.SENDING);
                assertThat(entry.attempts()).isEqualTo(1);
            }
            // Every entry on disk is whole (decoded above) and in a status the sender resumes from.
            assertThat(onDisk.values()).allSatisfy(e -> assertThat(e.isOutstanding()).isTrue());
            assertThat(onDisk.size()).isGreaterThanOrEqualTo(committed.size());

            // The cursor never got ahead of the records it covers: deal d(k) of change k <= cursor is on disk.
            long cursor = workspace.readSyncState().cursor().orElse(0);
            Map<String, Long> seqs = new HashMap<>();
            workspace.readRecords(List.of(RecordType.DEAL), (t, id, json) ->
                    seqs.put(id, Long.parseLong(json.substring(json.lastIndexOf(':') + 1, json.length() - 1))));
            for (long k = Math.max(1, cursor - 99); k <= cursor; k++) {
                assertThat(seqs.get(WorkspaceKillChild.dealId(k))).as("deal of change %d with cursor %d", k, cursor)
                        .isGreaterThanOrEqualTo(k);
            }
        }
    }
}
