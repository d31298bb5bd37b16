package com.flowcrm.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ActivitySimulatorTest {
    private static final Set<String> SEVEN_EVENTS = Set.of("deal:created", "deal:updated", "deal:stage_changed",
            "deal:activity_added", "contact:updated", "contact:health_changed", "notification:new");

    @Test
    void simulatedEventsAreValidAndCoverAllSevenTypes() throws InterruptedException {
        try (DemoServer server = DemoServer.start(DemoServerConfig.forTests());
                RestCalls rest = new RestCalls(server.apiUrl())) {
            EventRecorder demo = new EventRecorder(server.wsUrl(), rest.loginToken(DemoServer.DEMO_EMAIL));
            EventRecorder manager = new EventRecorder(server.wsUrl(), rest.loginToken(DemoServer.MANAGER_EMAIL));
            assertThat(demo.connectAndWait()).isTrue();
            assertThat(manager.connectAndWait()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionCount() == 2);

            server.simulateActivity(600);

            assertThat(server.simulatedEvents()).isEqualTo(600);
            // frames arrive in order, so once the marker is in every simulated event before it is too
            server.broadcast("test:marker", java.util.Map.of());
            for (EventRecorder client : List.of(demo, manager)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> !client.events("test:marker").isEmpty());
                client.messages.removeIf(m -> m.get("event").getAsString().equals("test:marker"));
                client.messages.forEach(WireShapes::assertEvent);
            }
            long notifications = countOf(demo.messages, "notification:new") + countOf(manager.messages,
                    "notification:new");
            assertThat(demo.messages.size() + manager.messages.size()).isEqualTo(2 * 600 - notifications);
            Set<String> seen = demo.messages.stream().map(m -> m.get("event").getAsString()).collect(Collectors.toSet());
            seen.addAll(manager.messages.stream().map(m -> m.get("event").getAsString()).toList());
            assertThat(seen).isEqualTo(SEVEN_EVENTS);
            for (JsonObject stageChange : demo.events("deal:stage_changed")) {
                JsonObject data = stageChange.getAsJsonObject("data");
                assertThat(data.get("probability").getAsInt())
                        .isEqualTo(DealStage.fromWire(data.get("stage").getAsString()).orElseThrow().probability());
            }
            // the events describe the server state: a deal's last announced stage is its stage now
            java.util.Map<String, String> lastStage = new java.util.HashMap<>();
            demo.events("deal:stage_changed").forEach(e -> lastStage.put(
                    e.getAsJsonObject("data").get("id").getAsString(),
                    e.getAsJsonObject("data").get("stage").getAsString()));
            assertThat(lastStage).isNotEmpty();
            lastStage.forEach((id, stage) -> assertThat(server.state().deal(id).get("stage").getAsString())
                    .isEqualTo(stage));
            demo.closeBlocking();
            manager.closeBlocking();
        }
    }

    @Test
    void simulatedTextsReadLikeAColleagueWroteThemAndNeverNameAnId() throws InterruptedException {
        java.util.regex.Pattern id = java.util.regex.Pattern.compile(
                "\\b(deal|contact|notification|activity|comm|insight|user)-\\d+\\b");
        try (DemoServer server = DemoServer.start(DemoServerConfig.forTests());
                RestCalls rest = new RestCalls(server.apiUrl())) {
            EventRecorder demo = new EventRecorder(server.wsUrl(), rest.loginToken(DemoServer.DEMO_EMAIL));
            EventRecorder manager = new EventRecorder(server.wsUrl(), rest.loginToken(DemoServer.MANAGER_EMAIL));
            assertThat(demo.connectAndWait()).isTrue();
            assertThat(manager.connectAndWait()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionCount() == 2);
            server.simulateActivity(1500);
            server.broadcast("test:marker", java.util.Map.of());
            for (EventRecorder client : List.of(demo, manager)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> !client.events("test:marker").isEmpty());
            }
            List<String> texts = new java.util.ArrayList<>();
            for (JsonObject n : demo.events("notification:new")) {
                texts.add(n.getAsJsonObject("data").get("title").getAsString());
                texts.add(n.getAsJsonObject("data").get("message").getAsString());
            }
            for (JsonObject n : manager.events("notification:new")) {
                texts.add(n.getAsJsonObject("data").get("title").getAsString());
                texts.add(n.getAsJsonObject("data").get("message").getAsString());
            }
            int notifications = texts.size() / 2;
            for (JsonObject a : demo.events("deal:activity_added")) {
                JsonObject activity = a.getAsJsonObject("data").getAsJsonObject("activity");
                texts.add(activity.get("description").getAsString());
                if (activity.has("nextStep")) {
                    texts.add(activity.get("nextStep").getAsString());
                }
            }
            for (JsonObject c : demo.events("deal:created")) {
                texts.add(c.getAsJsonObject("data").get("title").getAsString());
                texts.add(c.getAsJsonObject("data").get("description").getAsString());
            }
            assertThat(notifications).isGreaterThan(3);
            assertThat(texts).hasSizeGreaterThan(100).allSatisfy(text -> assertThat(id.matcher(text).find())
                    .as("an id in '%s'", text).isFalse());
            List<String> colleagues = List.of(ActivitySimulator.COLLEAGUES);
            assertThat(demo.events("deal:activity_added")).allSatisfy(a -> assertThat(colleagues).anyMatch(name ->
                    a.getAsJsonObject("data").getAsJsonObject("activity").get("description").getAsString()
                            .contains(name)));
            // a deal notification names the deal and its company as they are on the board
            java.util.Set<String> titles = new java.util.HashSet<>();
            java.util.Set<String> companies = new java.util.HashSet<>();
            server.state().deals("all", null).forEach(d -> {
                titles.add(d.getAsJsonObject().get("title").getAsString());
                companies.add(d.getAsJsonObject().get("company").getAsString());
            });
            assertThat(demo.events("notification:new")).allSatisfy(n -> {
                String text = n.getAsJsonObject("data").get("title").getAsString() + " "
                        + n.getAsJsonObject("data").get("message").getAsString();
                if (n.getAsJsonObject("data").has("metadata")) {
                    assertThat(titles.stream().anyMatch(text::contains)).as(text).isTrue();
                    assertThat(companies.stream().anyMatch(text::contains)).as(text).isTrue();
                }
            });
            demo.closeBlocking();
            manager.closeBlocking();
        }
    }

    private static long countOf(List<JsonObject> messages, String event) {
        return messages.stream().filter(m -> m.get("event").getAsString().equals(event)).count();
    }

    @Test
    void theSameSeedSimulatesTheSameChanges() {
        try (DemoServer first = DemoServer.start(DemoServerConfig.forTests());
                DemoServer second = DemoServer.start(DemoServerConfig.forTests())) {
            first.simulateActivity(200);
            second.simulateActivity(200);
            assertThat(first.state().deals("all", null).size()).isEqualTo(second.state().deals("all", null).size());
            for (String id : first.state().dealIds()) {
                assertThat(first.state().deal(id).get("stage")).isEqualTo(second.state().deal(id).get("stage"));
                assertThat(first.state().deal(id).get("value")).isEqualTo(second.state().deal(id).get("value"));
            }
        }
    }

    @Test
    void theTimedSimulatorRunsAtTheConfiguredRateAndStopsWithTheServer() throws InterruptedException {
        DemoServerConfig config = DemoServerConfig.forTests().withSimulator(true, 500);
        try (DemoServer server = DemoServer.start(config); RestCalls rest = new RestCalls(server.apiUrl())) {
            EventRecorder client = new EventRecorder(server.wsUrl(), rest.loginToken(DemoServer.DEMO_EMAIL));
            assertThat(client.connectAndWait()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> client.messages.size() >= 100);
            client.messages.forEach(WireShapes::assertEvent);
            server.close();
            long afterClose = server.simulatedEvents();
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                    .until(() -> server.simulatedEvents() == afterClose);
        }
    }

    @Test
    void keepsUpWithThousandsOfEventsPerSecond() {
        DemoServerConfig config = DemoServerConfig.forTests().withSimulator(true, 3_000);
        try (DemoServer server = DemoServer.start(config)) {
            // more than one event per 1 ms tick, so the rate is not capped by the scheduler
            await().atMost(Duration.ofSeconds(20)).until(() -> server.simulatedEvents() >= 3_000);
        }
    }
}
