package com.flowcrm.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How busy the machine and this process were over a measured window, from Linux's /proc counters and the JVM's
 * per-thread CPU clocks: a wall-clock latency on a shared 2-core machine is the FX thread's work plus its wait for a
 * core, and these say which. Zeros where /proc is not there (not Linux).
 */
final class MachineLoad {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long wallNanos;
    private final long machineBusyTicks;
    private final long machineTotalTicks;
    private final long processTicks;
    private final Map<String, Long> threadCpuNanos;
    private final String loadAverage;

    private MachineLoad(long wallNanos, long machineBusyTicks, long machineTotalTicks, long processTicks,
            Map<String, Long> threadCpuNanos, String loadAverage) {
        this.wallNanos = wallNanos;
        this.machineBusyTicks = machineBusyTicks;
        this.machineTotalTicks = machineTotalTicks;
        this.processTicks = processTicks;
        this.threadCpuNanos = threadCpuNanos;
        this.loadAverage = loadAverage;
    }

    /** Counters now; {@code threads} maps a name for the report to a thread id (e.g. the FX thread's). */
    static MachineLoad now(Map<String, Long> threads) {
        long[] machine = machineTicks();
        Map<String, Long> cpu = new LinkedHashMap<>();
        threads.forEach((name, id) -> cpu.put(name, THREADS.getThreadCpuTime(id)));
        return new MachineLoad(System.nanoTime(), machine[0], machine[1], processTicks(), cpu, loadAverage());
    }

    /** The id of the first live thread whose name starts with this, or -1. */
    static long threadNamed(String prefix) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                return t.threadId();
            }
        }
        return -1;
    }

    /**
     * From {@code start} to this: the machine's busy cores (all processes), this process's, everybody else's, and each
     * named thread's CPU as a share of one core (1.0 = a whole core for the whole window).
     */
    Map<String, Object> since(MachineLoad start) {
        Map<String, Object> m = new LinkedHashMap<>();
        int cores = Runtime.getRuntime().availableProcessors();
        double seconds = (wallNanos - start.wallNanos) / 1e9;
        long total = machineTotalTicks - start.machineTotalTicks;
        double machineCores = total <= 0 ? 0 : cores * (double) (machineBusyTicks - start.machineBusyTicks) / total;
        // /proc/self/stat counts in clock ticks of 1/100 s on Linux
        double processCores = seconds <= 0 ? 0 : (processTicks - start.processTicks) / 100.0 / seconds;
        m.put("window_s", BenchResults.round2(seconds));
        m.put("cores", cores);
        m.put("machine_busy_cores", BenchResults.round2(machineCores));
        m.put("this_process_cores", BenchResults.round2(processCores));
        m.put("other_processes_cores", BenchResults.round2(Math.max(0, machineCores - processCores)));
        threadCpuNanos.forEach((name, nanos) -> {
            Long before = start.threadCpuNanos.get(name);
            if (nanos >= 0 && before != null && before >= 0 && seconds > 0) {
                m.put(name + "_cpu_share_of_a_core", BenchResults.round2((nanos - before) / 1e9 / seconds));
            }
        });
        m.put("load_average_at_start", start.loadAverage);
        m.put("load_average_at_end", loadAverage);
        return m;
    }

    /** Busy and total ticks of all cores, from the first line of /proc/stat. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** utime + stime of this process, from /proc/self/stat (fields 14 and 15; the name in field 2 may hold spaces). */
    private static long processTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
