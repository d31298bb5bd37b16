package com.flowcrm.local;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The child JVM of {@link KillDurabilityTest}: writes confirmed records with their cursor and appends outbox
 * changes as fast as it can, marking every third one as being sent, and prints a line for each step only after the
 * writer committed it. It never stops by itself: the test kills it with kill -9.
 */
public final class WorkspaceKillChild {
    private WorkspaceKillChild() {
    }

    static String dealId(long i) {
        return "d" + (i % 100);
    }

    static List<FieldChange> fields(long i) {
        return List.of(FieldChange.of("value", String.valueOf(i), String.valueOf(i + 1)),
                FieldChange.of("title", "\"Deal " + i + "\"", "\"Deal " + i + " (renewal)\""));
    }

    public static void main(String[] args) throws Exception {
        Workspace workspace = new Workspaces(Path.of(args[0])).open(LocalTestSupport.DANA).workspace();
        Outbox outbox = workspace.outbox();
        System.out.println("ready");
        System.out.flush();
        for (long i = 1; ; i++) {
            long n = i;
            workspace.upsert(RecordType.DEAL, dealId(n), LocalTestSupport.dealJson(dealId(n), n));
            workspace.saveCursor(n);
            OutboxEntry entry = outbox.newEntry(OutboxKind.DEAL_EDIT, OutboxTarget.deal(dealId(n)), fields(n), null);
            CompletableFuture<?> step = outbox.append(entry).thenCompose(saved -> {
                print("committed " + saved.id() + " " + n);
                if (n % 3 != 0) {
                    return CompletableFuture.completedFuture(null);
                }
                return outbox.markSending(saved.id()).thenAccept(sending -> print("sending " + sending.id()));
            });
            if (n % 25 == 0) {
                step.join();
            }
        }
    }

    private static synchronized void print(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
