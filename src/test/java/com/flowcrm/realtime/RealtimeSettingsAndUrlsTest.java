package com.flowcrm.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RealtimeSettingsAndUrlsTest {

    @Test
    void tokenIsAddedUrlEncodedAndReplacesAnOldOne() {
        assertThat(SocketUrls.withToken(URI.create("ws://localhost:4545"), "a.b+c/d="))
                .hasToString("ws://localhost:4545?token=a.b%2Bc%2Fd%3D");
        assertThat(SocketUrls.withToken(URI.create("wss://api.flow-crm.com/ws?v=2&token=old"), "new"))
                .hasToString("wss://api.flow-crm.com/ws?v=2&token=new");
        assertThat(SocketUrls.withToken(URI.create("WSS://api.flow-crm.com"), "t"))
                .hasToString("wss://api.flow-crm.com?token=t");
        assertThat(SocketUrls.withToken(URI.create("ws://localhost:4545/ws"), null))
                .hasToString("ws://localhost:4545/ws");
    }

    @Test
    void onlyRefusedCredentialsCountAsAuthFailures() {
        assertThat(CloseReasons.isAuthRefusal(4001, "token expired")).isTrue();
        assertThat(CloseReasons.isAuthRefusal(4003, null)).isTrue();
        assertThat(CloseReasons.isAuthRefusal(1002,
                "Invalid status code received: 401 Status line: HTTP/1.1 401 Unauthorized")).isTrue();
        assertThat(CloseReasons.isAuthRefusal(1002,
                "Invalid status code received: 403 Status line: HTTP/1.1 403 Forbidden")).isTrue();
        assertThat(CloseReasons.isAuthRefusal(1002,
                "Invalid status code received: 500 Status line: HTTP/1.1 500 Internal Server Error")).isFalse();
        assertThat(CloseReasons.isAuthRefusal(1002, "draft org.java_websocket.drafts.Draft_6455 refuses handshake"))
                .isFalse();
        assertThat(CloseReasons.isAuthRefusal(1006, "Invalid status code received: 401")).isFalse();
        assertThat(CloseReasons.isAuthRefusal(1000, null)).isFalse();
    }

    @Test
    void urlComesFromFlowWsUrlWithTheSeedsDefault() {
        assertThat(RealtimeSettings.urlFromEnvironment(Map.of())).hasToString("ws://localhost:4545");
        assertThat(RealtimeSettings.urlFromEnvironment(Map.of("FLOW_WS_URL", " wss://api.flow-crm.com ")))
                .hasToString("wss://api.flow-crm.com");
        assertThatThrownBy(() -> RealtimeSettings.urlFromEnvironment(Map.of("FLOW_WS_URL", "http://x?token=s3cret")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FLOW_WS_URL").hasMessageContaining("ws://")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> new RealtimeClient(RealtimeSettings.defaults()).connect(URI.create("http://h"), "t"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsAreTheIssuesNumbers() {
        RealtimeSettings defaults = RealtimeSettings.defaults();
        assertThat(defaults.maxAttempts()).isEqualTo(5);
        assertThat(defaults.backoffFor(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.backoffFor(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(defaults.jitterRatio()).isEqualTo(0.2);
        assertThat(defaults.offlineRetryInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.stableAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.pingInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(defaults.silenceTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.outgoingQueueCapacity()).isEqualTo(500);
        assertThat(defaults.maxFrameBytes()).isEqualTo(1024 * 1024);
    }

    @Test
    void jitterOnlyEverStretchesADelayByUpToItsRatio() {
        Duration second = Duration.ofSeconds(1);
        assertThat(RealtimeSettings.defaults().withJitter(0.2, () -> 0).withJitter(second)).isEqualTo(second);
        assertThat(RealtimeSettings.defaults().withJitter(0.2, () -> 0.999999).withJitter(second))
                .isLessThanOrEqualTo(Duration.ofMillis(1200)).isGreaterThan(Duration.ofMillis(1199));
    }

    @Test
    void nonsenseSettingsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> RealtimeSettings.defaults().withBackoff(Duration.ofSeconds(1), 0))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> RealtimeSettings.defaults().withHeartbeat(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("pingInterval");
        assertThatThrownBy(() -> RealtimeSettings.defaults().withJitter(1.5, () -> 0))
                .hasMessageContaining("jitterRatio");
    }

    @Test
    void summaryNamesTheAttempt() {
        RealtimeStatus status = new RealtimeStatus(ConnectionState.RECONNECTING,
                new RealtimeStatus.Retry(2, 5, null), RealtimeStatus.Traffic.NONE, RealtimeStatus.BadInput.NONE, null, null);
        assertThat(status.summary()).isEqualTo("reconnecting (attempt 2 of 5)");
        assertThat(status.isConnected()).isFalse();
    }
}
