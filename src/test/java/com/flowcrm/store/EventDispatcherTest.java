package com.flowcrm.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventDispatcherTest {

    @Test
    void aBurstFromAnotherThreadCostsOneUiRunAndKeepsOrder() throws Exception {
        ManualExecutor ui = new ManualExecutor();
        EventDispatcher dispatcher = new EventDispatcher(ui);
        List<Integer> applied = new ArrayList<>();
        Thread socket = new Thread(() -> {
            for (int i = 0; i < 10_000; i++) {
                int n = i;
                dispatcher.submit(() -> applied.add(n));
            }
        }, "socket-read");
        socket.start();
        socket.join();

        assertThat(ui.pending()).as("at most one task pending on the UI executor").isEqualTo(1);
        ui.pulse();
        assertThat(applied).containsExactlyElementsOf(IntStream.range(0, 10_000).boxed().toList());
        assertThat(ui.executeCalls()).isEqualTo(1);
        assertThat(dispatcher.runCount()).isEqualTo(1);
    }

    @Test
    void whileTheUiPulsesConcurrentlyOrderIsKeptAndOneTaskAtMostIsPending() throws Exception {
        ManualExecutor ui = new ManualExecutor();
        EventDispatcher dispatcher = new EventDispatcher(ui);
        List<Integer> applied = Collections.synchronizedList(new ArrayList<>());
        Thread socket = new Thread(() -> {
            for (int i = 0; i < 10_000; i++) {
                int n = i;
                dispatcher.submit(() -> applied.add(n));
                if (n % 1000 == 999) {
                    Thread.yield();
                }
            }
        }, "socket-read");
        socket.start();
        int maxPending = 0;
        while (socket.isAlive() || ui.pending() > 0) {
            maxPending = Math.max(maxPending, ui.pending());
            ui.pulse();
            Thread.onSpinWait();
        }
        socket.join();
        ui.pulse();
        assertThat(applied).containsExactlyElementsOf(IntStream.range(0, 10_000).boxed().toList());
        assertThat(maxPending).isLessThanOrEqualTo(1);
    }

    @Test
    void aRealUiThreadAppliesEverythingInOrderInFewerRunsThanEvents() throws Exception {
        ExecutorService uiThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-fx"));
        AtomicInteger executes = new AtomicInteger();
        EventDispatcher dispatcher = new EventDispatcher(r -> {
            executes.incrementAndGet();
            uiThread.execute(() -> {
                r.run();
                // a pulse takes time on the real FX thread; this lets events pile up as they do there
                busyWait(200_000);
            });
        });
        List<Integer> applied = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            int n = i;
            dispatcher.submit(() -> applied.add(n));
        }
        uiThread.shutdown();
        assertThat(uiThread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(applied).containsExactlyElementsOf(IntStream.range(0, 10_000).boxed().toList());
        assertThat(executes.get()).isLessThan(1_000);
    }

    @Test
    void aFailingMutationDoesNotDropTheRestOfTheBatch() {
        ManualExecutor ui = new ManualExecutor();
        EventDispatcher dispatcher = new EventDispatcher(ui);
        List<String> applied = new ArrayList<>();
        dispatcher.submit(() -> applied.add("a"));
        dispatcher.submit(() -> {
            throw new IllegalStateException("broken on purpose");
        });
        dispatcher.submit(() -> applied.add("c"));
        ui.pulse();
        assertThat(applied).containsExactly("a", "c");
    }

    @Test
    void batchEndListenersRunOncePerRun() {
        ManualExecutor ui = new ManualExecutor();
        EventDispatcher dispatcher = new EventDispatcher(ui);
        AtomicInteger ends = new AtomicInteger();
        List<Boolean> applyingDuringMutation = new ArrayList<>();
        dispatcher.addBatchEndListener(ends::incrementAndGet);
        for (int i = 0; i < 100; i++) {
            dispatcher.submit(() -> applyingDuringMutation.add(dispatcher.isApplying()));
        }
        ui.pulse();
        assertThat(ends.get()).isEqualTo(1);
        assertThat(applyingDuringMutation).hasSize(100).containsOnly(true);
        assertThat(dispatcher.isApplying()).isFalse();
    }

    @Test
    void resyncAppliesEarlierEventsThenTheSnapshotThenTheHeldEventsInOrder() {
        ManualExecutor ui = new ManualExecutor();
        EventDispatcher dispatcher = new EventDispatcher(ui);
        List<String> log = new ArrayList<>();
        dispatcher.submit(() -> log.add("before-1"));
        dispatcher.beginResync();
        dispatcher.submit(() -> log.add("held-1"));
        ui.pulse();
        assertThat(log).containsExactly("before-1");
        assertThat(dispatcher.isHolding()).isTrue();
        dispatcher.submit(() -> log.add("held-2"));
        ui.pulse();
        assertThat(log).as("events keep being queued but are held back").containsExactly("before-1");

        dispatcher.submit(() -> log.add("held-3"));
        dispatcher.completeResync(() -> log.add("snapshot"));
        assertThat(log).containsExactly("before-1", "snapshot", "held-1", "held-2", "held-3");
        assertThat(dispatcher.isHolding()).isFalse();

        dispatcher.submit(() -> log.add("after"));
        ui.pulse();
        assertThat(log).endsWith("after");
    }

    @Test
    void completingBeforeTheMarkWasDrainedStillAppliesEarlierEventsFirst() {
        ManualExecutor ui = new ManualExecutor();
        EventDispatcher dispatcher = new EventDispatcher(ui);
        List<String> log = new ArrayList<>();
        dispatcher.submit(() -> log.add("before"));
        dispatcher.beginResync();
        dispatcher.submit(() -> log.add("held"));
        dispatcher.completeResync(() -> log.add("snapshot"));
        assertThat(log).containsExactly("before", "snapshot", "held");
    }

    @Test
    void abortedResyncReleasesTheHeldEvents() {
        ManualExecutor ui = new ManualExecutor();
        EventDispatcher dispatcher = new EventDispatcher(ui);
        List<String> log = new ArrayList<>();
        dispatcher.beginResync();
        dispatcher.submit(() -> log.add("held-1"));
        dispatcher.submit(() -> log.add("held-2"));
        ui.pulse();
        assertThat(log).isEmpty();
        dispatcher.abortResync();
        assertThat(log).containsExactly("held-1", "held-2");
    }

    @Test
    void anIndicatorUpdateIsNotHeldBehindAResyncWhileEventsAre() {
        ManualExecutor ui = new ManualExecutor();
        EventDispatcher dispatcher = new EventDispatcher(ui);
        List<String> log = new ArrayList<>();
        dispatcher.beginResync();
        dispatcher.submit(() -> log.add("held"));
        ui.pulse();
        dispatcher.submitUnheld(() -> log.add("indicator: reconnecting"));
        assertThat(ui.pending()).as("one run scheduled for it").isEqualTo(1);
        ui.pulse();
        assertThat(log).containsExactly("indicator: reconnecting");
        assertThat(dispatcher.isHolding()).isTrue();

        dispatcher.abortResync();
        assertThat(log).containsExactly("indicator: reconnecting", "held");
    }

    @Test
    void aDirectExecutorAppliesAtOnceEvenWhenAMutationSubmitsMore() {
        EventDispatcher dispatcher = new EventDispatcher(Runnable::run);
        List<String> log = new ArrayList<>();
        dispatcher.submit(() -> {
            log.add("outer");
            dispatcher.submit(() -> log.add("inner"));
            log.add("outer-end");
        });
        assertThat(log).containsExactly("outer", "outer-end", "inner");
    }

    private static void busyWait(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
