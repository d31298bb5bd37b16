package com.flowcrm.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flowcrm.common.WarningThrottle;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class OutgoingQueueTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final OutgoingQueue queue = new OutgoingQueue(3,
            new WarningThrottle(LoggerFactory.getLogger(OutgoingQueueTest.class), Clock.systemUTC(), Duration.ofSeconds(60)));

    private static OutgoingQueue.Message message(int n) {
        return new OutgoingQueue.Message("note:add", "m" + n, null);
    }

    @Test
    void flushSendsInOrderAndEmptiesTheQueue() {
        queue.add(message(1));
        queue.add(message(2));
        List<String> sent = new ArrayList<>();

        assertThat(queue.flush(sent::add)).isEqualTo(2);

        assertThat(sent).containsExactly("m1", "m2");
        assertThat(queue.size()).isZero();
    }

    @Test
    void aMessageStaysQueuedWhenTheSocketClosesUnderTheFlush() {
        queue.add(message(1));
        queue.add(message(2));
        List<String> sent = new ArrayList<>();

        assertThatThrownBy(() -> queue.flush(text -> {
            if (text.equals("m2")) {
                throw new WebsocketNotConnectedException();
            }
            sent.add(text);
        })).isInstanceOf(WebsocketNotConnectedException.class);

        assertThat(sent).containsExactly("m1");
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void beyondTheCapacityTheOldestIsDroppedCountedAndItsRequestFails() throws Exception {
        String id = queue.nextRequestId();
        CompletableFuture<JsonObject> request = queue.awaitAck(id, "deal:update", Duration.ofSeconds(5), scheduler);
        queue.add(new OutgoingQueue.Message("deal:update", "r", id));
        for (int i = 1; i <= 3; i++) {
            queue.add(message(i));
        }

        assertThat(queue.size()).isEqualTo(3);
        assertThat(queue.dropped()).isEqualTo(1);
        assertThatThrownBy(request::get).isInstanceOf(ExecutionException.class).hasMessageContaining("outgoing queue full");
        List<String> sent = new ArrayList<>();
        queue.flush(sent::add);
        assertThat(sent).containsExactly("m1", "m2", "m3");
    }

    @Test
    void anAckCompletesItsRequestOnceAndAnUnknownIdIsRefused() throws Exception {
        String id = queue.nextRequestId();
        CompletableFuture<JsonObject> request = queue.awaitAck(id, "deal:update", Duration.ofSeconds(5), scheduler);
        JsonObject data = new JsonObject();
        data.addProperty("id", id);

        assertThat(queue.acknowledge(id, data)).isTrue();
        assertThat(request.get()).isSameAs(data);
        assertThat(queue.acknowledge(id, data)).isFalse();
        assertThat(queue.acknowledge("req-unknown", data)).isFalse();
    }

    @Test
    void aRequestWithoutAckTimesOutOnTheScheduler() {
        String id = queue.nextRequestId();
        CompletableFuture<JsonObject> request = queue.awaitAck(id, "deal:update", Duration.ofMillis(150), scheduler);

        scheduler.advance(Duration.ofMillis(149));
        assertThat(request).isNotDone();
        scheduler.advance(Duration.ofMillis(1));

        assertThatThrownBy(request::get).hasCauseInstanceOf(TimeoutException.class)
                .hasMessageContaining("no ack for 'deal:update' (id " + id + ") within 150 ms");
        assertThat(queue.acknowledge(id, new JsonObject())).isFalse();
    }

    @Test
    void discardDropsTheQueueAndCancelsEveryRequest() {
        CompletableFuture<JsonObject> request =
                queue.awaitAck(queue.nextRequestId(), "deal:update", Duration.ofSeconds(5), scheduler);
        queue.add(message(1));

        queue.discard("closed by disconnect()");

        assertThat(queue.size()).isZero();
        assertThat(request.handle((result, error) -> error).join())
                .isInstanceOf(CancellationException.class).hasMessage("closed by disconnect()");
    }

    @Test
    void requestIdsAreUnique() {
        assertThat(queue.nextRequestId()).isNotEqualTo(queue.nextRequestId());
    }
}
