package com.flowcrm.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    @Test
    void threadsAreDaemonsNamedAfterTheirPurposeAndNumbered() {
        ThreadFactory factory = DaemonThreads.named("flow-http");
        Thread first = factory.newThread(() -> { });
        Thread second = factory.newThread(() -> { });
        assertThat(first.isDaemon()).isTrue();
        assertThat(first.getName()).isEqualTo("flow-http-1");
        assertThat(second.getName()).isEqualTo("flow-http-2");
    }

    @Test
    void stopInterruptsRunningTasksAndWaitsForTheThreads() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(DaemonThreads.named("sleeper"));
        CountDownLatch started = new CountDownLatch(1);
        executor.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        started.await();

        assertThat(DaemonThreads.stop(executor, "Sleeper", Duration.ofSeconds(5))).isTrue();
        assertThat(executor.isTerminated()).isTrue();
    }
}
