package com.flowcrm.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flowcrm.demo.RestCalls.Reply;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Long lists leave the demo backend while they are written: headers and the first chunks before the last record. */
class ListStreamingTest {
    /** A record of the list: about 100 bytes of JSON each. */
    record Row(int n, String text) {
    }

    private static Iterable<Row> rows(int count) {
        return IntStream.range(0, count).mapToObj(n -> new Row(n, "row number " + n + " ".repeat(60))).toList();
    }

    @Test
    @Timeout(30)
    void aLongListIsSentInPartsWhileTheRestIsStillBeingWritten() throws Exception {
        CountDownLatch twoChunksSent = new CountDownLatch(1);
        Object lock = new Object();
        // the writer stops at row 5,000 (past two chunks) until the reader has sent two chunks on
        ListBody body = ListBody.write(lock, () -> 7L, Row.class, () -> rows(10_000), row -> {
            if (row.n() == 5_000) {
                try {
                    assertThat(twoChunksSent.await(20, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return true;
        });
        assertThat(body.seq()).isEqualTo(7L);
        assertThat(body.wholeOrNull()).isNull();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        body.transferTo(new OutputStream() {
            @Override
            public void write(int b) {
                sent.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                sent.write(bytes, offset, length);
                if (sent.size() >= 2 * ListBody.CHUNK_BYTES) {
                    twoChunksSent.countDown();
                }
            }
        });
        assertThat(JsonParser.parseString(sent.toString(StandardCharsets.UTF_8)).getAsJsonArray())
                .hasSize(10_000)
                .first().isEqualTo(DemoJson.GSON.toJsonTree(new Row(0, "row number 0" + " ".repeat(60))));
    }

    @Test
    void aShortListIsKnownWholeBeforeAnythingIsSent() {
        ListBody body = ListBody.write(new Object(), () -> 3L, Row.class, () -> rows(3), row -> row.n() != 1);
        byte[] whole = body.wholeOrNull();
        assertThat(whole).isNotNull();
        assertThat(JsonParser.parseString(new String(whole, StandardCharsets.UTF_8)).getAsJsonArray())
                .hasSize(2);
        assertThat(body.seq()).isEqualTo(3L);
    }

    @Test
    void aWriterThatFailsHalfWayBreaksTheBodyOffInsteadOfEndingItAsAShortList() {
        ListBody body = ListBody.write(new Object(), () -> 1L, Row.class, () -> rows(10_000), row -> {
            if (row.n() == 8_000) {
                throw new IllegalStateException("a record that cannot be written");
            }
            return true;
        });
        assertThat(body.wholeOrNull()).isNull();
        assertThatThrownBy(() -> body.transferTo(OutputStream.nullOutputStream()))
                .isInstanceOf(IOException.class).hasRootCauseMessage("a record that cannot be written");
    }

    @Test
    void aWriterThatFailsAtOnceIsAnErrorBeforeAnyHeader() {
        ListBody body = ListBody.write(new Object(), () -> 1L, Row.class, () -> rows(10), row -> {
            throw new IllegalStateException("broken");
        });
        assertThatThrownBy(body::wholeOrNull).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReaderThatGoesAwayStopsTheWriterAndFreesTheLock() throws Exception {
        Object lock = new Object();
        ListBody body = ListBody.write(lock, () -> 1L, Row.class, () -> rows(200_000), row -> true);
        assertThat(body.wholeOrNull()).isNull();
        assertThatThrownBy(() -> body.transferTo(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("client went away");
            }
        })).hasMessage("client went away");
        // the writer lets the lock go at its next chunk instead of writing all 200,000 rows for nobody
        CountDownLatch locked = new CountDownLatch(1);
        Thread.ofPlatform().daemon().start(() -> {
            synchronized (lock) {
                locked.countDown();
            }
        });
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aLongListOverHttpIsTheSameListGzippedOrNotWithItsSeqAndNoLength() {
        try (DemoServer server = DemoServer.start(DemoServerConfig.forTests().withData(300, 3_000, 5));
                RestCalls rest = new RestCalls(server.apiUrl())) {
            String token = rest.loginToken(DemoServer.DEMO_EMAIL);
            for (String path : new String[] {"/contacts", "/deals?filter=all"}) {
                Reply plain = rest.call("GET", path, token, null, Map.of());
                Reply zipped = rest.call("GET", path, token, null, Map.of("Accept-Encoding", "gzip"));
                assertThat(plain.status()).isEqualTo(200);
                assertThat(plain.header("Content-Encoding")).isNull();
                assertThat(zipped.header("Content-Encoding")).isEqualTo("gzip");
                assertThat(zipped.header("Vary")).isEqualTo("Accept-Encoding");
                assertThat(zipped.body()).isEqualTo(plain.body());
                assertThat(zipped.header("X-Sync-Seq")).isEqualTo(plain.header("X-Sync-Seq"))
                        .isEqualTo(Long.toString(server.changeLogHead()));
                // sent before its length was known
                assertThat(plain.header("Content-Length")).isNull();
            }
            assertThat(rest.get("/contacts", token).body()).isEqualTo(server.state().contacts("all", null));
            assertThat(rest.get("/deals", token).body()).isEqualTo(server.state().deals("all", null));
        }
    }
}
