package com.flowcrm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The HTTP client is built at the first request, not with the REST client: the app makes its REST client while it
 * starts, and building an {@code HttpClient} loads the JDK's trust store before the window could show.
 */
class RestTransportStartTest {

    @Test
    void theHttpClientIsBuiltAtTheFirstRequestNotBefore() throws Exception {
        RestTransport transport = new RestTransport("http://127.0.0.1:9/api", null, () -> { });
        assertThat(transport.started()).isFalse();

        var answer = transport.send(transport.request("/auth/me").GET());
        assertThat(transport.started()).isTrue();
        // nothing listens on port 9: the request fails, as it did when the client was built up front
        assertThatThrownBy(() -> answer.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(ApiException.class);
    }

    @Test
    void aBadServerUrlIsStillRefusedAtOnce() {
        assertThatThrownBy(() -> new RestTransport("ftp://example.com/api", null, () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://");
        assertThatThrownBy(() -> new FlowApiClient("not a url", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
