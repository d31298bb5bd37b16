package com.flowcrm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.demo.DemoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoServerCommandTest {

    @Test
    void runsTheDemoBackendUntilInterrupted() throws Exception {
        DemoServerCommand command = new DemoServerCommand();
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(command).setOut(new PrintWriter(out, true));
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread runner = new Thread(() -> exitCode.set(commandLine.execute("--api-port", "0", "--ws-port", "0",
                "--deals", "12", "--contacts", "7", "--seed", "5", "--events-per-second", "20", "--host", "127.0.0.1")),
                "demo-server-command-test");
        runner.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> command.runningServer() != null);
        DemoServer server = command.runningServer();
        assertThat(server.state().dealCount()).isGreaterThanOrEqualTo(12);
        assertThat(server.state().contactIds()).hasSize(7);
        assertThat(server.config().simulator()).isTrue();
        assertThat(server.config().eventsPerSecond()).isEqualTo(20);
        assertThat(login(server.apiUrl())).isEqualTo(200);
        assertThat(out.toString()).contains("FLOW_API_URL=" + server.apiUrl(), "FLOW_WS_URL=" + server.wsUrl(),
                "demo@flow-crm.local / demo", "manager@flow-crm.local / demo");

        runner.interrupt();
        runner.join(10_000);

        assertThat(runner.isAlive()).isFalse();
        assertThat(exitCode.get()).isZero();
        assertThat(command.runningServer()).isNull();
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void noSimulatorTurnsTheSimulatorOff() throws Exception {
        DemoServerCommand command = new DemoServerCommand();
        Thread runner = new Thread(() -> new CommandLine(command).execute("--api-port", "0", "--ws-port", "0",
                "--no-simulator"), "demo-server-command-test");
        runner.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> command.runningServer() != null);
        assertThat(command.runningServer().config().simulator()).isFalse();
        runner.interrupt();
        runner.join(10_000);
        assertThat(runner.isAlive()).isFalse();
    }

    @Test
    void invalidOptionsAreUsageErrors() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new DemoServerCommand()).setErr(new PrintWriter(err));
        assertThat(commandLine.execute("--deals", "many")).isEqualTo(2);
        assertThat(err.toString()).contains("--deals");
        StringWriter tooMany = new StringWriter();
        assertThat(new CommandLine(new DemoServerCommand()).setErr(new PrintWriter(tooMany, true))
                .execute("--api-port", "0", "--ws-port", "0", "--deals", "100001")).isEqualTo(2);
        assertThat(tooMany.toString()).contains("deals must be between 0 and 100000");
    }

    @Test
    void aDataDirectoryOfANewerVersionIsRefusedWithExitCode2AndLeftAsItWas(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("demo.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE future(x)");
            statement.execute("PRAGMA user_version=99");
        }
        byte[] before = Files.readAllBytes(db);
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new DemoServerCommand()).setErr(new PrintWriter(err, true))
                .execute("--api-port", "0", "--ws-port", "0", "--data", dir.toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("newer version", db.toString(), "left as it is");
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
    }

    @Test
    void aCorruptDatabaseIsRefusedWithExitCode2AndLeftAsItWas(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("demo.db");
        byte[] garbage = new byte[64 * 1024];
        new java.util.Random(3).nextBytes(garbage);
        Files.write(db, garbage);
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new DemoServerCommand()).setErr(new PrintWriter(err, true))
                .execute("--api-port", "0", "--ws-port", "0", "--data", dir.toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("not a readable demo database", "left as it is");
        assertThat(Files.readAllBytes(db)).isEqualTo(garbage);
    }

    @Test
    void aDatabaseDamagedInsideIsRefusedWithExitCode2(@TempDir Path dir) throws Exception {
        try (DemoServer server = DemoServer.start(com.flowcrm.demo.DemoServerConfig.forTests().withDataDir(dir))) {
            assertThat(server.loadedFromDisk()).isFalse();
        }
        Path db = dir.resolve("demo.db");
        byte[] bytes = Files.readAllBytes(db);
        // keep the header, scramble the pages behind it
        for (int i = 8192; i < bytes.length; i += 7) {
            bytes[i] = (byte) (bytes[i] ^ 0x5A);
        }
        Files.write(db, bytes);
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new DemoServerCommand()).setErr(new PrintWriter(err, true))
                .execute("--api-port", "0", "--ws-port", "0", "--data", dir.toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(db.toString(), "left as it is");
        assertThat(Files.readAllBytes(db)).isEqualTo(bytes);
    }

    @Test
    void aDataDirectoryInUseIsRefused(@TempDir Path dir) {
        try (DemoServer running = DemoServer.start(com.flowcrm.demo.DemoServerConfig.forTests().withDataDir(dir))) {
            StringWriter err = new StringWriter();
            int exit = new CommandLine(new DemoServerCommand()).setErr(new PrintWriter(err, true))
                    .execute("--api-port", "0", "--ws-port", "0", "--data", dir.toString());
            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).contains("in use by another demo server");
            assertThat(running.state().dealCount()).isEqualTo(40);
        }
    }

    private static int login(String apiUrl) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/auth/login"))
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"email\":\"" + DemoServer.DEMO_EMAIL + "\",\"password\":\"" + DemoServer.DEMO_PASSWORD + "\"}"))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        }
    }
}
