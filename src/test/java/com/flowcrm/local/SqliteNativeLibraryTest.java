package com.flowcrm.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A temp folder mounted noexec (sqlite-jdbc #185, #1312) breaks SQLite's native library; pointing it at a folder of
 * the app's with {@link SqliteNativeLibrary#prepare} fixes it. Real mounts and real JVMs; skipped where mounting is
 * not permitted.
 */
class SqliteNativeLibraryTest {
    @TempDir
    Path folder;

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    private List<String> child(Path tmp, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Djava.io.tmpdir=" + tmp,
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                NativeLibraryChild.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void aNoexecTempFolderBreaksSqliteUnlessTheAppPointsItAtItsOwnFolder() throws Exception {
        assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"), "mount is Linux");
        Path noexecTmp = Files.createDirectories(folder.resolve("noexec-tmp"));
        Process mounting = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64m,noexec", "tmpfs", noexecTmp.toString())
                .redirectErrorStream(true).start();
        String mountOutput = new String(mounting.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!mounting.waitFor(30, TimeUnit.SECONDS) || mounting.exitValue() != 0) {
            abort("mounting a tmpfs is not permitted here: " + mountOutput.strip());
        }
        try {
            String broken = run(child(noexecTmp, folder.resolve("ws1").toString()));
            Path appNative = folder.resolve("app-home").resolve("native");
            String fixed = run(child(noexecTmp, folder.resolve("ws2").toString(), appNative.toString()));

            assertThat(broken).contains("failed:").doesNotContain("ok");
            assertThat(fixed).contains("holds 1 extracted file(s)").contains("ok").doesNotContain("failed");
            if (OwnerOnlyFiles.isPosix(appNative)) {
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(appNative)))
                        .isEqualTo("rwx------");
            }
        } finally {
            run(List.of("umount", "-l", noexecTmp.toString()));
        }
    }
}
