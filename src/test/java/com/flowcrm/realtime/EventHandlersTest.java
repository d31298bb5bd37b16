package com.flowcrm.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.common.WarningThrottle;
import com.google.gson.JsonNull;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class EventHandlersTest {
    private final EventHandlers handlers = new EventHandlers(
            new WarningThrottle(LoggerFactory.getLogger(EventHandlersTest.class), Clock.systemUTC(), Duration.ofSeconds(60)));

    @Test
    void everyHandlerOfTheEventRunsInOrderAndAFailingOneDoesNotStopTheNext() {
        List<String> calls = new ArrayList<>();
        handlers.add("deal:updated", (event, data, at) -> calls.add("first"));
        handlers.add("deal:updated", (event, data, at) -> {
            throw new IllegalStateException("bug in a store");
        });
        handlers.add("deal:updated", (event, data, at) -> calls.add("third " + at));

        handlers.dispatch("deal:updated", JsonNull.INSTANCE, 7);

        assertThat(calls).containsExactly("first", "third 7");
        assertThat(handlers.handlerFailures()).isEqualTo(1);
        assertThat(handlers.unknownEvents()).isZero();
    }

    @Test
    void anEventWithoutHandlersIsCountedAsUnknownAlsoAfterTheLastOneIsRemoved() {
        RealtimeEventHandler handler = (event, data, at) -> { };
        handlers.add("deal:created", handler);
        handlers.remove("deal:created", handler);

        handlers.dispatch("deal:created", JsonNull.INSTANCE, 1);
        handlers.dispatch("nobody:listens", JsonNull.INSTANCE, 1);

        assertThat(handlers.unknownEvents()).isEqualTo(2);
    }
}
