package com.flowcrm.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;

/**
 * Times FX pulses: from the start of the pulse (animation timers run first) to the end of the scene's layout, and the
 * longest gap between two pulses (how long the FX thread was away, e.g. applying a batch). Tells listeners when a
 * pulse's layout is done, which is when what the last batches changed is laid out for the screen. Each pulse's CPU time
 * on the FX thread is timed beside its wall time: on a shared machine the difference is the wait for a core. FX
 * thread only.
 */
final class PulseMeter extends AnimationTimer {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Scene scene;
    private final Runnable layoutDone = this::layoutDone;
    private final List<Runnable> afterLayout = new ArrayList<>();
    private long pulseStart;
    private long pulseCpuStart;
    private long longestPulseCpu;
    private long totalPulseCpuNanos;
    private long lastPulse;
    private long longestPulse;
    private long longestGap;
    private long pulses;
    private long totalPulseNanos;
    private long pulsesOver16ms;

    private PulseMeter(Scene scene) {
        this.scene = scene;
    }

    static PulseMeter start(Scene scene) {
        PulseMeter meter = new PulseMeter(scene);
        scene.addPostLayoutPulseListener(meter.layoutDone);
        meter.start();
        return meter;
    }

    /** Runs after the layout of every pulse, once the pulse is timed. */
    void afterLayout(Runnable listener) {
        afterLayout.add(listener);
    }

    @Override
    public void handle(long now) {
        long t = System.nanoTime();
        if (lastPulse != 0) {
            longestGap = Math.max(longestGap, t - lastPulse);
        }
        lastPulse = t;
        pulseStart = t;
        pulseCpuStart = THREADS.getCurrentThreadCpuTime();
        pulses++;
    }

    private void layoutDone() {
        if (pulseStart != 0) {
            long nanos = System.nanoTime() - pulseStart;
            long cpu = THREADS.getCurrentThreadCpuTime() - pulseCpuStart;
            longestPulseCpu = Math.max(longestPulseCpu, cpu);
            totalPulseCpuNanos += cpu;
            longestPulse = Math.max(longestPulse, nanos);
            totalPulseNanos += nanos;
            if (nanos > 16_000_000L) {
                pulsesOver16ms++;
            }
            pulseStart = 0;
        }
        afterLayout.forEach(Runnable::run);
    }

    void reset() {
        longestPulse = 0;
        longestGap = 0;
        lastPulse = 0;
        pulses = 0;
        totalPulseNanos = 0;
        longestPulseCpu = 0;
        totalPulseCpuNanos = 0;
        pulsesOver16ms = 0;
    }

    @Override
    public void stop() {
        super.stop();
        scene.removePostLayoutPulseListener(layoutDone);
    }

    double longestPulseMs() {
        return longestPulse / 1e6;
    }

    Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("pulses", pulses);
        s.put("longest_pulse_ms", longestPulse / 1e6);
        s.put("mean_pulse_ms", pulses == 0 ? 0 : totalPulseNanos / 1e6 / pulses);
        s.put("pulses_over_16ms", pulsesOver16ms);
        s.put("longest_pulse_cpu_ms", longestPulseCpu / 1e6);
        s.put("mean_pulse_cpu_ms", pulses == 0 ? 0 : totalPulseCpuNanos / 1e6 / pulses);
        s.put("longest_gap_between_pulses_ms", longestGap / 1e6);
        return s;
    }
}
