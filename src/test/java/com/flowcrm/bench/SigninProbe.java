package com.flowcrm.bench;

import com.flowcrm.api.CrmApi;
import com.flowcrm.api.FlowApiClient;
import com.flowcrm.common.DaemonThreads;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SessionConfig;
import com.flowcrm.store.SessionState;
import com.flowcrm.store.SessionStore;
import com.flowcrm.ui.NavigableView;
import com.flowcrm.ui.Navigator;
import com.flowcrm.ui.UiPreferences;
import com.flowcrm.ui.contacts.ContactsView;
import com.flowcrm.ui.insights.InsightsView;
import com.flowcrm.ui.pipeline.PipelineView;
import com.flowcrm.ui.shell.DesktopShell;
import com.flowcrm.ui.theme.ThemeSwitcher;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * A first sign-in as a user does it, in a JVM of its own (cold, like the app's at its first sign-in): the desktop
 * shell with the app's views and theme, the sign-in form filled and submitted against a backend that runs elsewhere,
 * and the time from the sign-in request to the layout of the first pulse that shows the board with every deal and
 * contact in the stores (that layout is what the frame is drawn from). Prints {@code signin_ms=<ms>} and the moments
 * on the way ({@code at_ms.<step>=<ms>}: the login answer, each list read into the model, the stores loaded).
 * Arguments: apiUrl wsUrl email password deals contacts [again].
 */
public final class SigninProbe {
    static final String PREFIX = "signin_ms=";
    static final String STEP_PREFIX = "at_ms.";
    /** The client JVM's CPU time (all its threads) from the sign-in request to the board, in ms. */
    static final String CPU_PREFIX = "signin_cpu_ms=";
    /** The same by thread (numbered threads of one kind summed), from JVM start to the board: where the CPU went. */
    static final String THREADS_PREFIX = "threads_cpu_ms=";
    /**
     * With a seventh argument N: after the first sign-in, N times signed out and in again in the same JVM (warm: its
     * JIT, classes and CSS caches are there), each printed as {@code warm_signin_ms.<n>=<ms> cpu=<ms> threads=...}.
     */
    static final String WARM_PREFIX = "warm_signin_ms.";

    private SigninProbe() {
    }

    public static void main(String[] args) throws Exception {
        String apiUrl = args[0];
        String wsUrl = args[1];
        String email = args[2];
        String password = args[3];
        int deals = Integer.parseInt(args[4]);
        int contacts = Integer.parseInt(args[5]);
        int again = args.length > 6 ? Integer.parseInt(args[6]) : 0;
        FxThread.start();
        Preferences node = Preferences.userRoot().node("/com/flowcrm/bench/" + UUID.randomUUID());
        ExecutorService http = Executors.newCachedThreadPool(DaemonThreads.named("flow-http"));
        Map<String, Long> steps = new ConcurrentHashMap<>();
        long[] start = new long[1];
        DesktopShell[] shown = new DesktopShell[1];
        RootStore root = new RootStore(Platform::runLater);
        SessionStore session = new SessionStore(SessionConfig.of(apiUrl, wsUrl), root, Clock.systemUTC(),
                url -> timed(new FlowApiClient(url, http), steps, start));
        try {
            FxThread.run(() -> {
                Stage stage = new Stage();
                Function<Navigator, NavigableView> pipeline = nav -> new PipelineView(session, nav);
                Function<Navigator, NavigableView> contactsView = nav -> new ContactsView(session, nav);
                Function<Navigator, NavigableView> insights = nav -> new InsightsView(session, nav);
                DesktopShell shell = new DesktopShell(stage, session, new DesktopShell.Options(new UiPreferences(node),
                        new ThemeSwitcher(), pipeline, contactsView, insights, () -> { }, Clock.systemDefaultZone()));
                shell.show();
                shown[0] = shell;
            });
            Map<String, Long> threadsAtStart = threadsCpu();
            long cpuAtStart = processCpuNanos();
            long boardAt = signIn(shown[0], session, root, email, password, deals, contacts, start);
            long cpuAtBoard = processCpuNanos();
            System.out.println(PREFIX + (boardAt - start[0]) / 1_000_000);
            System.out.println(CPU_PREFIX + (cpuAtBoard - cpuAtStart) / 1_000_000);
            System.out.println(THREADS_PREFIX + format(threadsCpu()));
            Map<String, Long> ordered = new LinkedHashMap<>();
            steps.entrySet().stream().sorted(Map.Entry.comparingByValue())
                    .forEach(e -> ordered.put(e.getKey(), (e.getValue() - start[0]) / 1_000_000));
            ordered.forEach((step, ms) -> System.out.println(STEP_PREFIX + step + "=" + ms));
            // to find the moments in a recording of the probe (JFR events carry wall-clock times)
            long epochAtStart = System.currentTimeMillis() - (System.nanoTime() - start[0]) / 1_000_000;
            System.out.println("start_epoch_ms=" + epochAtStart);
            for (int time = 1; time <= again; time++) {
                signOut(shown[0], session);
                // the last sign-in's stores are garbage now; a user's JVM would collect them while the form shows
                System.gc();
                Map<String, Long> threadsBefore = threadsCpu();
                long cpuBefore = processCpuNanos();
                long board = signIn(shown[0], session, root, email, password, deals, contacts, start);
                long cpuAfter = processCpuNanos();
                Map<String, Long> threadsAfter = threadsCpu();
                threadsAfter.replaceAll((kind, ms) -> ms - threadsBefore.getOrDefault(kind, 0L));
                System.out.println(WARM_PREFIX + time + "=" + (board - start[0]) / 1_000_000 + " cpu="
                        + (cpuAfter - cpuBefore) / 1_000_000 + " threads=" + format(threadsAfter));
            }
        } finally {
            // hiding saves the window's bounds into the preferences node: before the node goes
            FxThread.run(() -> {
                if (shown[0] != null) {
                    shown[0].close();
                }
            });
            session.close();
            node.removeNode();
            Platform.exit();
        }
    }

    /**
     * Fills the shown sign-in form and submits it; returns when the first pulse with the board and every record laid
     * out (its {@code System.nanoTime()}), the request's moment in {@code start[0]}.
     */
    private static long signIn(DesktopShell shell, SessionStore session, RootStore root, String email, String password,
            int deals, int contacts, long[] start) throws Exception {
        CompletableFuture<Long> boardShown = new CompletableFuture<>();
        FxThread.run(() -> {
            session.stateProperty().addListener(new javafx.beans.value.ChangeListener<SessionState>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends SessionState> obs, SessionState old,
                        SessionState now) {
                    if (now == SessionState.SIGNED_OUT && old == SessionState.SIGNING_IN) {
                        obs.removeListener(this);
                        // the form keeps the reason: a figure without a board would be no figure
                        Platform.runLater(() -> boardShown.completeExceptionally(new IllegalStateException(
                                "sign-in failed: " + (shell.signInModel() == null ? "?" : shell.signInModel().errorProperty().get()))));
                        return;
                    }
                    if (now != SessionState.ACTIVE) {
                        return;
                    }
                    obs.removeListener(this);
                    // the state listener of the shell has put the main window in the scene by now (it listens first)
                    javafx.scene.Scene scene = shell.mainWindow().getNode().getScene();
                    scene.addPostLayoutPulseListener(new Runnable() {
                        @Override
                        public void run() {
                            scene.removePostLayoutPulseListener(this);
                            if (root.deals().size() >= deals && root.contacts().size() >= contacts
                                    && shell.mainWindow() != null) {
                                boardShown.complete(System.nanoTime());
                            } else {
                                boardShown.completeExceptionally(new IllegalStateException("the board showed "
                                        + root.deals().size() + " deals and " + root.contacts().size() + " contacts"));
                            }
                        }
                    });
                }
            });
            shell.signInModel().emailProperty().set(email);
            shell.signInModel().passwordProperty().set(password);
            start[0] = System.nanoTime();
            shell.signInModel().signIn();
        });
        return boardShown.get(2, TimeUnit.MINUTES);
    }

    /** Signs out as the menu does and waits for the sign-in form, with the stores empty again. */
    private static void signOut(DesktopShell shell, SessionStore session) throws Exception {
        CompletableFuture<Void> out = new CompletableFuture<>();
        FxThread.run(() -> session.logout().whenComplete((ignored, error) -> out.complete(null)));
        out.get(1, TimeUnit.MINUTES);
        FxThread.run(() -> {
            if (shell.signInModel() == null || shell.mainWindow() != null) {
                throw new IllegalStateException("signed out, but the sign-in form is not shown");
            }
        });
    }

    /** CPU time of this JVM so far (every thread, the JIT's and the GC's too): it moves little with the machine's load. */
    private static long processCpuNanos() {
        try {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
        } catch (NoClassDefFoundError noManagement) {
            // the app image's runtime has no java.management: /proc's utime and stime (clock ticks of 10 ms)
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /**
     * Linux: each thread's CPU from /proc in ms (the JIT's compiler threads and the GC's too, which no MXBean shows),
     * by kind ("C2 CompilerThread", "GC Thread", "flow-http-body"...); empty elsewhere.
     */
    private static Map<String, Long> threadsCpu() {
        Map<String, Long> byKind = new java.util.HashMap<>();
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks == null) {
            return byKind;
        }
        for (java.io.File task : tasks) {
            try {
                String kind = java.nio.file.Files.readString(task.toPath().resolve("comm")).strip().replaceAll("[-#]?[0-9]+$", "");
                String stat = java.nio.file.Files.readString(task.toPath().resolve("stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // utime and stime, in clock ticks of 10 ms
                long ms = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
                byKind.merge(kind, ms, Long::sum);
            } catch (java.io.IOException | RuntimeException gone) {
                // the thread ended meanwhile
            }
        }
        return byKind;
    }

    /** The kinds of thread that used at least 30 ms, largest first: "C2 CompilerThread 3700, JavaFX Application...". */
    private static String format(Map<String, Long> byKind) {
        StringBuilder out = new StringBuilder();
        byKind.entrySet().stream().filter(e -> e.getValue() >= 30)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.append(out.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue()));
        return out.toString();
    }

    /** The REST client, noting when sign-in answered and when each list was read into the model. */
    private static CrmApi timed(FlowApiClient api, Map<String, Long> steps, long[] start) {
        return (CrmApi) Proxy.newProxyInstance(CrmApi.class.getClassLoader(), new Class<?>[] {CrmApi.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(api, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    String name = method.getName();
                    if (result instanceof CompletableFuture<?> future
                            && (name.equals("login") || name.equals("deals") || name.equals("contacts")
                            || name.equals("notifications"))) {
                        future.whenComplete((value, error) -> steps.put(name + "_read", System.nanoTime()));
                    }
                    return result;
                });
    }
}
