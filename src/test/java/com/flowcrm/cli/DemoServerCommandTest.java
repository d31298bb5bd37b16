package com.flowcrm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.demo.DemoServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
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
