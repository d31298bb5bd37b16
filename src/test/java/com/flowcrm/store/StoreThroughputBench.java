package com.flowcrm.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.api.JsonMapper;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-to-end throughput of live events (parse + map on a socket thread, apply in batches on a UI thread) with a
 * realistic store size and the derived views in use. Run with {@code mvn test -Dsurefire.groups=bench -Dsurefire.excludedGroups=}.
 */
@Tag("bench")
class StoreThroughputBench {
    private static final Logger LOG = LoggerFactory.getLogger(StoreThroughputBench.class);
    private static final int DEALS = 10_000;
    private static final int CONTACTS = 50_000;
    private static final int EVENTS = 200_000;

    @Test
    void twoHundredThousandEventsWithViewsShown() throws Exception {
        JsonMapper mapper = JsonMapper.create();
        ManualExecutor ui = new ManualExecutor();
        RootStore root = new RootStore(ui);
        Random random = new Random(7);
        DealStage[] stages = DealStage.values();
        List<Deal> deals = new ArrayList<>();
        for (int i = 0; i < DEALS; i++) {
            deals.add(mapper.deal(Frames.deal("d" + i, stages[i % stages.length].wireName(), 1000 + i, i % 101)).value());
        }
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            contacts.add(mapper.contact(Frames.contact("c" + i, "Name " + i, i % 101)).value());
        }
        root.loadSnapshot(deals, contacts, List.of());
        ui.pulse();
        root.deals().filterProperty().set(DealFilter.ALL);
        root.deals().select("d1");

        List<String> frames = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            String deal = "d" + random.nextInt(DEALS);
            String contact = "c" + random.nextInt(CONTACTS);
            frames.add(switch (i % 5) {
                case 0 -> "{\"event\":\"deal:updated\",\"data\":{\"id\":\"" + deal + "\",\"changes\":{\"value\":\""
                        + random.nextInt(100_000) + ".00\",\"last_activity_at\":\"2026-02-01T10:00:00Z\"}}}";
                case 1 -> "{\"event\":\"deal:stage_changed\",\"data\":{\"id\":\"" + deal + "\",\"stage\":\""
                        + stages[random.nextInt(stages.length)].wireName() + "\",\"probability\":" + random.nextInt(101) + "}}";
                case 2 -> "{\"event\":\"contact:health_changed\",\"data\":{\"id\":\"" + contact + "\",\"oldScore\":50,\"newScore\":"
                        + random.nextInt(101) + "}}";
                case 3 -> "{\"event\":\"deal:activity_added\",\"data\":{\"dealId\":\"" + deal + "\",\"activity\":{\"id\":\"a" + i
                        + "\",\"type\":\"call\",\"date\":\"2026-02-01T10:00:00Z\",\"description\":\"x\"}}}";
                default -> "{\"event\":\"contact:updated\",\"data\":{\"id\":\"" + contact + "\",\"changes\":{\"churn_risk\":"
                        + random.nextInt(101) + "}}}";
            });
        }

        java.util.concurrent.atomic.AtomicLong socketDone = new java.util.concurrent.atomic.AtomicLong();
        long start = System.nanoTime();
        Thread socket = new Thread(() -> {
            for (String f : frames) {
                JsonElement e = JsonParser.parseString(f);
                root.handleFrame(e.getAsJsonObject().get("event").getAsString(), e.getAsJsonObject().get("data"));
            }
            socketDone.set(System.nanoTime());
        }, "socket-read");
        socket.start();
        while (socket.isAlive() || ui.pending() > 0) {
            ui.pulse();
            Thread.onSpinWait();
        }
        ui.pulse();
        LOG.info("socket thread done after {} ms", (socketDone.get() - start) / 1_000_000);
        long nanos = System.nanoTime() - start;
        double perSecond = EVENTS / (nanos / 1e9);
        LOG.info("{} events in {} ms = {} events/s in {} UI runs", EVENTS, nanos / 1_000_000, (long) perSecond,
                root.dispatcher().runCount());
        assertThat(root.counters().snapshot().applied() + root.counters().snapshot().ignored()).isEqualTo(EVENTS);
        assertThat(perSecond).isGreaterThan(20_000);
    }
}
