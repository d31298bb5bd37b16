package com.flowcrm.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UrlRedactionTest {

    @Test
    void redactionHidesEveryTokenValue() {
        assertThat(UrlRedaction.redact("ws://h:1/?token=abc.def-ghi&x=1")).isEqualTo("ws://h:1/?token=***&x=1");
        assertThat(UrlRedaction.redact("failed: wss://api/x?a=1&TOKEN=eyJ.x.y")).isEqualTo("failed: wss://api/x?a=1&TOKEN=***");
        assertThat(UrlRedaction.redact("refresh_token=r1 and access_token=a2")).isEqualTo(
                "refresh_token=*** and access_token=***");
        assertThat(UrlRedaction.redact(URI.create("ws://localhost:4545?token=x"))).isEqualTo(
                "ws://localhost:4545?token=***");
        assertThat(UrlRedaction.redact((String) null)).isNull();
        assertThat(UrlRedaction.redact("no secrets here")).isEqualTo("no secrets here");
    }

    @Test
    void stopsAtFragmentsQuotesAndAngleBrackets() {
        assertThat(UrlRedaction.redact("ws://h/?token=abc#top")).isEqualTo("ws://h/?token=***#top");
        assertThat(UrlRedaction.redact("{\"url\":\"ws://h/?token=abc\"}")).isEqualTo("{\"url\":\"ws://h/?token=***\"}");
        assertThat(UrlRedaction.redact("<ws://h/?token=abc>")).isEqualTo("<ws://h/?token=***>");
    }
}
