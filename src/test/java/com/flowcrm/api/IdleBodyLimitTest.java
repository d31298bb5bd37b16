package com.flowcrm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/** A body that stops arriving is cut after the limit with a timeout; one that keeps arriving slowly is read whole. */
class IdleBodyLimitTest {

    /** Blocks in read() until a byte is offered, and wakes with end-of-stream when closed, like java.net.http's body. */
    private static final class ArrivingBody extends InputStream {
        private static final int END = -1;
        private final BlockingQueue<Integer> bytes = new LinkedBlockingQueue<>();

        void arrive(int b) {
            bytes.add(b);
        }

        @Override
        public int read() throws IOException {
            try {
                int b = bytes.take();
                if (b == END) {
                    bytes.add(END);
                }
                return b;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        @Override
        public void close() {
            bytes.add(END);
        }
    }

    @Test
    void aBodyThatStopsArrivingFailsAsATimeoutInsteadOfBlockingForEver() throws Exception {
        ArrivingBody body = new ArrivingBody();
        body.arrive('[');
        try (IdleBodyLimit watched = new IdleBodyLimit(body, Duration.ofMillis(200))) {
            assertThat(watched.read()).isEqualTo('[');
            assertThatThrownBy(watched::read).isInstanceOf(HttpTimeoutException.class)
                    .hasMessageContaining("no bytes of the body");
        }
    }

    @Test
    void aBodyArrivingSlowlyButSteadilyIsReadWhole() throws Exception {
        ArrivingBody body = new ArrivingBody();
        Thread server = new Thread(() -> {
            try {
                for (int i = 0; i < 10; i++) {
                    Thread.sleep(60);
                    body.arrive('a' + i);
                }
                body.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        StringBuilder read = new StringBuilder();
        try (IdleBodyLimit watched = new IdleBodyLimit(body, Duration.ofSeconds(2))) {
            for (int b = watched.read(); b >= 0; b = watched.read()) {
                read.append((char) b);
            }
        }
        server.join();
        assertThat(read).hasToString("abcdefghij");
    }
}
