package com.flowcrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * The app's logging set-up ({@link LogConfiguration}, tests otherwise run with logback-test.xml) applied to a private
 * context.
 */
class LogbackConfigTest {

    @Test
    void aConfigurationFileOrTheTestsConfigurationWinsOverTheAppsSetUp() {
        LoggerContext context = new LoggerContext();
        LogConfiguration configuration = new LogConfiguration();
        configuration.setContext(context);
        // the tests' class path has logback-test.xml, as a -Dlogback.configurationFile run names its own file
        assertThat(configuration.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger("ROOT").iteratorForAppenders().hasNext()).as("nothing set up").isFalse();
        context.stop();
    }

    @Test
    void theSetUpIsFoundByLogbackThroughItsServiceFile() {
        assertThat(java.util.ServiceLoader.load(Configurator.class).stream().map(p -> (Object) p.type()).toList())
                .contains(LogConfiguration.class);
    }

    @Test
    void productionConfigWritesInfoToTheFileAndOnlyWarningsToStderr(@TempDir Path temp) throws Exception {
        String previousHome = System.getProperty(AppDirectories.HOME_PROPERTY);
        System.setProperty(AppDirectories.HOME_PROPERTY, temp.toString());
        PrintStream previousOut = System.out;
        PrintStream previousErr = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        LoggerContext context = new LoggerContext();
        // A context made by hand lacks the MDC adapter that logback's SLF4J provider normally installs.
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            LogConfiguration.apply(context, Path.of(new AppDirectories.LogDirectoryDefiner().getPropertyValue()));

            ConsoleAppender<?> console = (ConsoleAppender<?>) context.getLogger("ROOT").getAppender("CONSOLE");
            assertThat(console.getTarget()).isEqualTo("System.err");
            assertThat(context.getLogger("ROOT").getAppender("FILE")).isInstanceOf(RollingFileAppender.class);
            RollingFileAppender<?> file = (RollingFileAppender<?>) context.getLogger("ROOT").getAppender("FILE");
            assertThat(Path.of(file.getFile())).isEqualTo(temp.resolve("logs").resolve(AppDirectories.LOG_FILE_NAME));
            SizeAndTimeBasedRollingPolicy<?> rolling = (SizeAndTimeBasedRollingPolicy<?>) file.getRollingPolicy();
            assertThat(rolling.getFileNamePattern()).endsWith("flow-crm.%d{yyyy-MM-dd}.%i.log.gz");
            assertThat(rolling.getMaxHistory()).isEqualTo(7);
            assertThat(rolling.isStarted()).isTrue();
            assertThat(context.getStatusManager().getCopyOfStatusListenerList()).as("logback's own messages kept off stdout")
                    .isNotEmpty();

            Logger log = context.getLogger("com.flowcrm.test");
            log.info("an info line");
            log.warn("a warning line");
            context.stop();

            Path logFile = temp.resolve("logs").resolve(AppDirectories.LOG_FILE_NAME);
            assertThat(Files.readString(logFile)).contains("an info line").contains("a warning line");
            assertThat(stdout.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("a warning line").doesNotContain("an info line");
        } finally {
            context.stop();
            System.setOut(previousOut);
            System.setErr(previousErr);
            if (previousHome == null) {
                System.clearProperty(AppDirectories.HOME_PROPERTY);
            } else {
                System.setProperty(AppDirectories.HOME_PROPERTY, previousHome);
            }
        }
    }
}
