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
 * Arguments: apiUrl wsUrl email password deals contacts.
 */
public final class SigninProbe {
    static final String PREFIX = "signin_ms=";
    static final String STEP_PREFIX = "at_ms.";
    /** The client JVM's CPU time (all its threads) from the sign-in request to the board, in ms. */
    static final String CPU_PREFIX = "signin_cpu_ms=";
    /** The same by thread (numbered threads of one kind summed), from JVM start to the board: where the CPU went. */
    static final String THREADS_PREFIX = "threads_cpu_ms=";

    private SigninProbe() {
    }

    public static void main(String[] args) throws Exception {
        String apiUrl = args[0];
        String wsUrl = args[1];
        String email = args[2];
        String password = args[3];
        int deals = Integer.parseInt(args[4]);
        int contacts = Integer.parseInt(args[5]);
        FxThread.start();
        Preferences node = Preferences.userRoot().node("/com/flowcrm/bench/" + UUID.randomUUID());
        ExecutorService http = Executors.newCachedThreadPool(DaemonThreads.named("flow-http"));
        Map<String, Long> steps = new ConcurrentHashMap<>();
        long[] start = new long[1];
        long[] cpuAtStart = new long[1];
        DesktopShell[] shown = new DesktopShell[1];
        CompletableFuture<Long> boardShown = new CompletableFuture<>();
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
                session.stateProperty().addListener((obs, old, now) -> {
                    if (now == SessionState.SIGNED_OUT && old == SessionState.SIGNING_IN) {
                        // the form keeps the reason: a figure without a board would be no figure
                        Platform.runLater(() -> boardShown.completeExceptionally(new IllegalStateException(
                                "sign-in failed: " + (shell.signInModel() == null ? "?" : shell.signInModel().errorProperty().get()))));
                        return;
                    }
                    if (now != SessionState.ACTIVE) {
                        return;
                    }
                    steps.put("stores_loaded", System.nanoTime());
                    // the state listener of the shell has put the main window in the scene by now (it listens first)
                    stage.getScene().addPostLayoutPulseListener(new Runnable() {
                        @Override
                        public void run() {
                            stage.getScene().removePostLayoutPulseListener(this);
                            if (root.deals().size() >= deals && root.contacts().size() >= contacts
                                    && shell.mainWindow() != null) {
                                boardShown.complete(System.nanoTime());
                            } else {
                                boardShown.completeExceptionally(new IllegalStateException("the board showed "
                                        + root.deals().size() + " deals and " + root.contacts().size() + " contacts"));
                            }
                        }
                    });
                });
                shell.signInModel().emailProperty().set(email);
                shell.signInModel().passwordProperty().set(password);
                start[0] = System.nanoTime();
                cpuAtStart[0] = processCpuNanos();
                shell.signInModel().signIn();
            });
            long boardAt = boardShown.get(2, TimeUnit.MINUTES);
            long cpuAtBoard = processCpuNanos();
            System.out.println(PREFIX + (boardAt - start[0]) / 1_000_000);
            System.out.println(CPU_PREFIX + (cpuAtBoard - cpuAtStart[0]) / 1_000_000);
            System.out.println(THREADS_PREFIX + threadsCpuMs());
            Map<String, Long> ordered = new LinkedHashMap<>();
            steps.entrySet().stream().sorted(Map.Entry.comparingByValue())
                    .forEach(e -> ordered.put(e.getKey(), (e.getValue() - start[0]) / 1_000_000));
            ordered.forEach((step, ms) -> System.out.println(STEP_PREFIX + step + "=" + ms));
            // to find the moments in a recording of the probe (JFR events carry wall-clock times)
            long epochAtStart = System.currentTimeMillis() - (System.nanoTime() - start[0]) / 1_000_000;
            System.out.println("start_epoch_ms=" + epochAtStart);
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

    /** CPU time of this JVM so far (every thread, the JIT's and the GC's too): it moves little with the machine's load. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * Linux: each thread's CPU from /proc (the JIT's compiler threads and the GC's too, which no MXBean shows), by
     * kind ("C2 CompilerThread", "GC Thread", "flow-http-body"...), largest first; empty elsewhere.
     */
    private static String threadsCpuMs() {
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks == null) {
            return "";
        }
        Map<String, Long> byKind = new java.util.HashMap<>();
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
