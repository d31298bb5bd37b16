package com.flowcrm.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wss:// against a real TLS server whose certificate names only "localhost". The client trusts it through the JVM's
 * default TLS context (standing in for a custom CA in the JDK trust store) and must still check the host name.
 */
class RealtimeTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path keys;
    private static SSLContext originalDefault;
    private static TestSocketServer server;

    @BeforeAll
    static void startTlsServer() throws Exception {
        Path keystore = keys.resolve("localhost.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keyManagers.getKeyManagers(), null, null);
        server = TestSocketServer.launchTls(serverContext);

        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trust.getTrustManagers(), null);
        originalDefault = SSLContext.getDefault();
        SSLContext.setDefault(clientContext);
    }

    @AfterAll
    static void restoreDefaults() {
        SSLContext.setDefault(originalDefault);
        server.stopNow();
    }

    private static RealtimeClient client() {
        return new RealtimeClient(RealtimeSettings.defaults().withBackoff(Duration.ofSeconds(30), 5)
                .withConnectTimeout(Duration.ofSeconds(5)));
    }

    @Test
    void wssConnectsWhenTheCertificateIsTrustedAndNamesTheHost() {
        try (RealtimeClient client = client()) {
            client.connect(URI.create("wss://localhost:" + server.getPort()), "t");

            await().atMost(Duration.ofSeconds(5)).until(() -> client.status().state() == ConnectionState.CONNECTED);
            assertThat(server.handshakePaths).contains("/?token=t");
        }
    }

    @Test
    void wssRefusesATrustedCertificateIssuedForAnotherHost() {
        int handshakesBefore = server.handshakes.get();
        try (RealtimeClient client = client()) {
            client.connect(URI.create("wss://127.0.0.1:" + server.getPort()), "t");

            await().atMost(Duration.ofSeconds(5)).until(() -> client.status().state() == ConnectionState.RECONNECTING);
            // the refusal itself: the WebSocket handshake never reached the server, and the client never went live
            // (the wording of lastError depends on whether the TLS error or the socket close is reported first)
            assertThat(client.status().lastError()).isNotBlank();
            assertThat(client.status().traffic().connects()).isZero();
            assertThat(server.handshakes).hasValue(handshakesBefore);
        }
    }
}
