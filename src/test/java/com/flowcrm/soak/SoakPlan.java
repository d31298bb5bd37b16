package com.flowcrm.soak;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one soak run does: how long the chaos lasts, the demo data set, how often each fault strikes, how busy the
 * two clients are, and where the results go.
 *
 * @param duration         the chaos phase (the final sync and the checks come after it)
 * @param dataset          what the demo server generates and how fast its simulated colleagues change it
 * @param restartEvery     {@code kill -9} and restart of the server
 * @param dropMean         every connection through the proxy is cut after this long on average ...
 * @param dropJitter       ... give or take this much (uniformly)
 * @param firstStallAt     the first stall (forwarding stops, sockets stay open) ...
 * @param stallEvery       ... then one every this long ...
 * @param stallFor         ... each lasting this long
 * @param maxLatencyMs     latency spikes add up to this much to everything the proxy forwards
 * @param changesPerSecond each client's rate of changes (stage moves, field edits, activities), Poisson
 * @param sharedShare      the share of changes made on the deals both clients work on (so they collide)
 * @param seed             for the fault schedule and the clients' choices (a run can be repeated)
 * @param out              where report.json, timeline.png and the logs go
 */
record SoakPlan(String name, Duration duration, Dataset dataset, Duration restartEvery, Duration dropMean,
                Duration dropJitter, Duration firstStallAt, Duration stallEvery, Duration stallFor, int maxLatencyMs,
                double changesPerSecond, double sharedShare, long seed, Path out) {

    /** The demo server's data set and simulator rate. */
    record Dataset(int deals, int contacts, double eventsPerSecond) {
    }

    /** The run: 10,000 deals, 50,000 contacts, 200 events/s, every fault at the rate. */
    static SoakPlan ofMinutes(double minutes, long seed, Path out) {
        if (!(minutes >= 1)) {
            throw new IllegalArgumentException("soak.minutes must be at least 1, was " + minutes);
        }
        return new SoakPlan("soak", Duration.ofMillis(Math.round(minutes * 60_000)), new Dataset(10_000, 50_000, 200),
                Duration.ofMinutes(2), Duration.ofSeconds(45), Duration.ofSeconds(15),
                minutes >= 5 ? Duration.ofSeconds(150) : Duration.ofSeconds(20), Duration.ofMinutes(5),
                Duration.ofSeconds(40), 300, 2.0, 0.3, seed, out);
    }

    /**
     * The 90-second run of every build: every kind of fault at least once (a stall, a restart, drops) on a smaller
     * data set (1,000 deals, 5,000 contacts; the simulator still at 200 events/s), so that it costs about two minutes.
     */
    static SoakPlan ci(long seed, Path out) {
        return new SoakPlan("soak-ci", Duration.ofSeconds(90), new Dataset(1_000, 5_000, 200),
                Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(40), 300, 2.0, 0.3, seed, out);
    }

    double minutes() {
        return duration.toMillis() / 60_000.0;
    }
}
