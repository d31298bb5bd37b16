package com.flowcrm.local;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Shared fixtures of the workspace tests: two users, a fixed clock, waiting on the writer's futures. */
final class LocalTestSupport {
    static final WorkspaceId DANA = new WorkspaceId("http://127.0.0.1:4000/api", "demo@flow-crm.local");
    static final WorkspaceId MANAGER = new WorkspaceId("http://127.0.0.1:4000/api", "manager@flow-crm.local");
    static final Instant NOW = Instant.parse("2026-12-04T10:15:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private LocalTestSupport() {
    }

    static Workspaces workspaces(Path folder) {
        return new Workspaces(folder, CLOCK);
    }

    /** The future's value; a failure is rethrown as it is (the tests assert on its kind and message). */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("The workspace writer did not answer", e);
        }
    }

    /** The exception a future failed with (fails the test when it completed normally). */
    static Throwable failureOf(CompletableFuture<?> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("The workspace writer did not answer", e);
        }
        throw new AssertionError("Expected the future to fail, it completed with " + future.join());
    }

    static String dealJson(String id, long seq) {
        return "{\"id\":\"" + id + "\",\"title\":\"Deal " + id + "\",\"stage\":\"prospect\",\"value\":12500,\"seq\":" + seq + "}";
    }
}
