package com.flowcrm.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.common.WarningThrottle;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

class FrameCodecTest {
    private final FrameCodec codec = new FrameCodec(
            new WarningThrottle(LoggerFactory.getLogger(FrameCodecTest.class), Clock.systemUTC(), Duration.ofSeconds(60)));
    private final List<String> seen = new ArrayList<>();
    private final FrameCodec.Listener listener = new FrameCodec.Listener() {
        @Override
        public void event(String event, JsonElement data, long seq, long prev, long receivedAtNanos) {
            String place = seq == RealtimeEventHandler.NO_SEQ && prev == RealtimeEventHandler.NO_SEQ ? ""
                    : " seq " + seq + " prev " + prev;
            seen.add("event " + event + " " + data + place + " @" + receivedAtNanos);
        }

        @Override
        public void ack(String requestId, JsonObject data) {
            seen.add("ack " + requestId + " " + data);
        }
    };

    @Test
    void anEventReachesTheListenerWithItsDataAndReceiptTime() {
        codec.decode("{\"event\":\"deal:updated\",\"data\":{\"id\":\"d1\"}}", 42, listener);
        codec.decode("{\"event\":\"ping:server\"}", 43, listener);

        assertThat(seen).containsExactly("event deal:updated {\"id\":\"d1\"} @42", "event ping:server null @43");
        assertThat(codec.nonJsonFrames() + codec.eventlessFrames()).isZero();
    }

    @Test
    void theChangeLogsSeqAndPrevReachTheListenerAsPlainNumbers() {
        codec.decode("{\"event\":\"deal:updated\",\"data\":{\"id\":\"d1\"},\"seq\":1796368966115598,\"prev\":1796368966115596}",
                7, listener);
        codec.decode("{\"event\":\"deal:updated\",\"data\":{},\"seq\":\"12\"}", 8, listener);
        codec.decode("{\"event\":\"deal:updated\",\"data\":{},\"seq\":null,\"prev\":null}", 9, listener);

        assertThat(seen).containsExactly(
                "event deal:updated {\"id\":\"d1\"} seq 1796368966115598 prev 1796368966115596 @7",
                "event deal:updated {} seq 12 prev -1 @8",
                "event deal:updated {} @9");
        assertThat(codec.badSeqs()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-3", "1.5", "\"abc\"", "true", "{}", "[1]", "1e3", "99999999999999999999"})
    void aSeqThatIsNoSeqIsCountedAndTheEventStillArrivesWithout(String bad) {
        codec.decode("{\"event\":\"deal:updated\",\"data\":{},\"seq\":" + bad + ",\"prev\":" + bad + "}", 1, listener);

        assertThat(seen).containsExactly("event deal:updated {} @1");
        assertThat(codec.badSeqs()).isEqualTo(2);
        assertThat(codec.nonJsonFrames() + codec.eventlessFrames()).isZero();
    }

    @Test
    void anAckReachesTheListenerWithTheRequestId() {
        codec.decode("{\"event\":\"ack\",\"data\":{\"id\":\"req-7\",\"ok\":true}}", 1, listener);
        codec.decode("{\"event\":\"ack\",\"data\":{\"id\":12}}", 1, listener);

        assertThat(seen).containsExactly("ack req-7 {\"id\":\"req-7\",\"ok\":true}", "ack 12 {\"id\":12}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"event\":", "{event:'deal:created'}", "{\"event\":\"x\"} trailing", ""})
    void textThatIsNotStrictJsonIsCountedAndGoesNowhere(String frame) {
        codec.decode(frame, 1, listener);

        assertThat(seen).isEmpty();
        assertThat(codec.nonJsonFrames()).isEqualTo(1);
        assertThat(codec.eventlessFrames()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "{}", "{\"data\":{\"id\":\"x\"}}", "{\"event\":42}", "\"deal:created\"",
        "{\"event\":\" \"}", "{\"event\":\"ack\",\"data\":{}}", "{\"event\":\"ack\",\"data\":{\"id\":true}}"})
    void jsonWithoutAStringEventAndAcksWithoutAnIdAreCountedAndGoNowhere(String frame) {
        codec.decode(frame, 1, listener);

        assertThat(seen).isEmpty();
        assertThat(codec.eventlessFrames()).isEqualTo(1);
        assertThat(codec.nonJsonFrames()).isZero();
    }

    @Test
    void encodesTheEnvelopeWithNullDataAndTheRequestIdWhenThereIsOne() {
        assertThat(codec.encode("note:add", codec.toJson(java.util.Map.of("n", 1)), null))
                .isEqualTo("{\"event\":\"note:add\",\"data\":{\"n\":1}}");
        assertThat(codec.encode("deal:update", codec.toJson(null), "req-1"))
                .isEqualTo("{\"event\":\"deal:update\",\"data\":null,\"id\":\"req-1\"}");
        JsonElement tree = JsonParser.parseString("{\"a\":[1,null]}");
        assertThat(codec.toJson(tree)).isSameAs(tree);
        assertThat(codec.toJson(null)).isEqualTo(JsonNull.INSTANCE);
    }

    @Test
    void previewsAreShortWithoutControlCharactersAndWithoutTokens() {
        assertThat(FrameCodec.preview("a\nb?token=secret")).isEqualTo("a?b?token=***");
        assertThat(FrameCodec.preview("x".repeat(200))).hasSize(83).endsWith("...");
    }
}
