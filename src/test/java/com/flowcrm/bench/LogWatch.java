package com.flowcrm.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Everything a bench run logs that says its render is not the app's: exceptions (uncaught on any thread, the FX thread
 * included; logged through SLF4J or java.util.logging with a throwable; or printed as a stack trace straight to
 * stderr) and JavaFX CSS warnings (look-ups that do not resolve, values that do not convert). JavaFX logs through
 * {@code System.Logger}, which goes to java.util.logging here ({@code javafx.css} for CSS). Installed for the whole
 * run; the counts go into results.json and a run with any exception or CSS warning fails.
 */
final class LogWatch implements AutoCloseable {
    private static final int KEPT_MESSAGES = 40;
    private static final String CSS_LOGGER = "javafx.css";
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at \\S+\\(.*\\)\\s*$");
    private static final Pattern TRACE_CONTINUATION = Pattern.compile("^\\s*(Caused by: |Suppressed: |\\.\\.\\. \\d+ more).*");

    /** Set while one of our own channels prints, so that the stderr scan does not count that output a second time. */
    private static final ThreadLocal<Boolean> PRINTING_KNOWN = ThreadLocal.withInitial(() -> false);

    private final Object lock = new Object();
    private final Map<String, Integer> exceptions = new LinkedHashMap<>();
    private final Map<String, Integer> cssWarnings = new LinkedHashMap<>();
    private final Map<String, Integer> otherWarnings = new LinkedHashMap<>();
    private long exceptionCount;
    private long cssWarningCount;
    private long otherWarningCount;

    private final PrintStream originalErr = System.err;
    private final Thread.UncaughtExceptionHandler originalUncaught = Thread.getDefaultUncaughtExceptionHandler();
    private final Logger julRoot = LogManager.getLogManager().getLogger("");
    private final Handler[] julHandlers = julRoot.getHandlers();
    private final Handler julWatch = new JulWatch();
    private final ch.qos.logback.classic.Logger logbackRoot =
            (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<Appender<ILoggingEvent>> logbackAppenders = new ArrayList<>();
    private final LogbackWatch logbackWatch = new LogbackWatch();

    private LogWatch() {
    }

    /** Starts watching: call before the toolkit starts, so that its own start-up is covered. */
    static LogWatch install() {
        LogWatch watch = new LogWatch();
        watch.hook();
        return watch;
    }

    private void hook() {
        Thread.setDefaultUncaughtExceptionHandler(this::uncaught);
        for (Handler h : julHandlers) {
            julRoot.removeHandler(h);
        }
        julRoot.addHandler(julWatch);
        for (Iterator<Appender<ILoggingEvent>> it = logbackRoot.iteratorForAppenders(); it.hasNext();) {
            logbackAppenders.add(it.next());
        }
        logbackAppenders.forEach(logbackRoot::detachAppender);
        logbackWatch.setContext(logbackRoot.getLoggerContext());
        logbackWatch.setName("bench-log-watch");
        logbackWatch.start();
        logbackRoot.addAppender(logbackWatch);
        System.setErr(new PrintStream(new StackTraceScan(originalErr), true, Charset.defaultCharset()));
    }

    @Override
    public void close() {
        System.setErr(originalErr);
        logbackRoot.detachAppender(logbackWatch);
        logbackWatch.stop();
        logbackAppenders.forEach(logbackRoot::addAppender);
        julRoot.removeHandler(julWatch);
        for (Handler h : julHandlers) {
            julRoot.addHandler(h);
        }
        Thread.setDefaultUncaughtExceptionHandler(originalUncaught);
    }

    /** What was seen so far. */
    Report report() {
        synchronized (lock) {
            return new Report(exceptionCount, cssWarningCount, otherWarningCount, new LinkedHashMap<>(exceptions),
                    new LinkedHashMap<>(cssWarnings), new LinkedHashMap<>(otherWarnings));
        }
    }

    /** Counts and the first distinct messages of each kind (message -> times seen). */
    record Report(long exceptions, long cssWarnings, long otherWarnings, Map<String, Integer> exceptionMessages,
            Map<String, Integer> cssMessages, Map<String, Integer> otherMessages) {
        boolean clean() {
            return exceptions == 0 && cssWarnings == 0;
        }

        /** The first few problems, for a failure message. */
        String summary() {
            StringBuilder s = new StringBuilder();
            s.append(exceptions).append(" exception(s), ").append(cssWarnings).append(" CSS warning(s)");
            exceptionMessages.entrySet().stream().limit(5)
                    .forEach(e -> s.append("\n  exception x").append(e.getValue()).append(": ").append(e.getKey()));
            cssMessages.entrySet().stream().limit(10)
                    .forEach(e -> s.append("\n  css x").append(e.getValue()).append(": ").append(e.getKey()));
            return s.toString();
        }
    }

    private void exception(String message) {
        synchronized (lock) {
            exceptionCount++;
            keep(exceptions, message);
        }
    }

    private void cssWarning(String message) {
        synchronized (lock) {
            cssWarningCount++;
            keep(cssWarnings, message);
        }
    }

    private void otherWarning(String message) {
        synchronized (lock) {
            otherWarningCount++;
            keep(otherWarnings, message);
        }
    }

    private static void keep(Map<String, Integer> messages, String message) {
        String key = message == null ? "(no message)" : message.strip();
        if (messages.containsKey(key) || messages.size() < KEPT_MESSAGES) {
            messages.merge(key, 1, Integer::sum);
        }
    }

    private void uncaught(Thread thread, Throwable error) {
        exception("uncaught on " + thread.getName() + ": " + error);
        printKnown(() -> {
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            error.printStackTrace(System.err);
        });
    }

    private static void printKnown(Runnable print) {
        boolean outer = PRINTING_KNOWN.get();
        PRINTING_KNOWN.set(true);
        try {
            print.run();
        } finally {
            PRINTING_KNOWN.set(outer);
        }
    }

    /** java.util.logging's root handler while the run lasts: classifies, then prints through the original handlers. */
    private final class JulWatch extends Handler {
        private static final SimpleFormatter MESSAGE_FORMAT = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            if (record == null) {
                return;
            }
            String name = record.getLoggerName() == null ? "" : record.getLoggerName();
            String message = name + ": " + MESSAGE_FORMAT.formatMessage(record);
            if (name.startsWith(CSS_LOGGER) && record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                cssWarning(message);
            } else if (record.getThrown() != null) {
                exception(message + " (" + record.getThrown() + ")");
            } else if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                otherWarning(message);
            }
            printKnown(() -> {
                for (Handler h : julHandlers) {
                    h.publish(record);
                    h.flush();
                }
            });
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Logback's root appender while the run lasts: classifies, then hands the event to the configured appenders. */
    private final class LogbackWatch extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            String message = event.getLoggerName() + ": " + event.getFormattedMessage();
            if (event.getThrowableProxy() != null) {
                exception(message + " (" + event.getThrowableProxy().getClassName() + ": "
                        + event.getThrowableProxy().getMessage() + ")");
            } else if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                otherWarning(message);
            }
            printKnown(() -> logbackAppenders.forEach(a -> a.doAppend(event)));
        }
    }

    /**
     * stderr while the run lasts: passes everything through and counts each stack trace printed straight to it (e.g.
     * by {@code printStackTrace} in a library) as one exception, named by the line before its first frame.
     */
    private final class StackTraceScan extends OutputStream {
        private final PrintStream out;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private String previous = "";
        private boolean inTrace;

        StackTraceScan(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void write(int b) {
            out.write(b);
            if (!PRINTING_KNOWN.get()) {
                scan(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            out.write(b, off, len);
            if (!PRINTING_KNOWN.get()) {
                for (int i = off; i < off + len; i++) {
                    scan(b[i]);
                }
            }
        }

        @Override
        public void flush() {
            out.flush();
        }

        private void scan(int b) {
            if (b != '\n') {
                line.write(b);
                return;
            }
            String text = line.toString(Charset.defaultCharset());
            line.reset();
            if (STACK_FRAME.matcher(text).matches()) {
                if (!inTrace) {
                    exception("printed to stderr: " + previous);
                    inTrace = true;
                }
            } else if (!TRACE_CONTINUATION.matcher(text).matches()) {
                inTrace = false;
            }
            previous = text;
        }
    }
}
