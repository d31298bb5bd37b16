import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Builds the Flow CRM app image and the native installer with the JDK's own jdeps, jlink and jpackage.
 *
 * <p>Run by {@code mvn -Pdist package} (exec-maven-plugin starts it with the toolchain JDK 21+ as a single-file
 * program), or by hand after {@code mvn package}, from the project root, with a JDK 21+ {@code java}:
 * <pre>java packaging/BuildDist.java --version=1.0.0 [--installers=auto|none] [--cds=auto|none] [--launcher=script|native]</pre>
 *
 * <p>Inputs: {@code target/flow-crm.jar} and {@code target/lib/*.jar} (made by {@code mvn package}).
 * Steps:
 * <ol>
 *   <li>JavaFX comes as modular {@code javafx-*-<platform>.jar}s; they go on jlink's module path. The empty
 *       {@code javafx-*.jar} stubs are dropped; every other jar stays on the class path (the app is not modular),
 *       without the native libraries it carries for other platforms (sqlite-jdbc, JNA).</li>
 *   <li>{@code jdeps --print-module-deps} over the app and its class-path jars picks the JDK modules; the JavaFX
 *       modules and a few that are only reached by reflection or services are added (see {@link #EXTRA_MODULES}).</li>
 *   <li>{@code jlink} makes the trimmed runtime with the JDK's default CDS archive; JavaFX's native libraries are
 *       copied out of the jars into the runtime's library directory and left out of the modules image, so JavaFX
 *       loads them in place instead of unpacking them into {@code ~/.openjfx/cache} (see {@link #EXCLUDED_RESOURCES}). On Linux the native libraries' symbol tables are
 *       stripped (5 MB of libjvm.so); the CDS archive for uncompressed oops is dropped (never used with a heap under 32 GB).</li>
 *   <li>{@code jpackage --type app-image} makes {@code target/dist/FlowCRM}, with the per-OS options in
 *       {@code packaging/<os>/app-image.args}.</li>
 *   <li>Start-up archive ({@code --cds=auto}): one training run of the image ({@code packaging/startup-training.sh})
 *       records the classes it loads into {@code flow-crm.aot} (JDK 25+ AOT cache) or {@code flow-crm.jsa}
 *       (AppCDS) beside the jars, and the launcher's .cfg maps it at start. Needs a display: on Linux it runs
 *       under {@code xvfb-run} when there is no {@code DISPLAY}; without either it is skipped with a message.
 *       On Windows the launchers instead create an AppCDS archive at the end of their first run. An AOT cache
 *       replaces the JDK's default CDS archive, so the image drops that one when it has a cache (15 MB).</li>
 *   <li>Linux ({@code --launcher=script}): {@code bin/FlowCRM} becomes a shell script that starts the bundled runtime
 *       with the .cfg's class path and options; jpackage's launcher queries rpm and dpkg at every start.</li>
 *   <li>The native installer for this OS ({@code --installers=auto}), options in
 *       {@code packaging/<os>/installer.args}: .deb (needs dpkg-deb and fakeroot) and .rpm (needs rpmbuild) on Linux,
 *       .msi on Windows (needs WiX on PATH), .dmg on macOS. A missing tool skips that installer with a message.</li>
 * </ol>
 * Paths inside the {@code .args} files are relative to the project root, the working directory of this program.
 */
public final class BuildDist {
    static final String APP_NAME = "FlowCRM";
    static final String MAIN_JAR = "flow-crm.jar";
    static final String MAIN_CLASS = "com.flowcrm.app.Main";
    static final String CDS_ARCHIVE = "flow-crm.jsa";
    /** Modules jdeps cannot see: Gson and JavaFX reach sun.misc.Unsafe by reflection; EC and locale data are services. */
    static final List<String> EXTRA_MODULES = List.of("jdk.unsupported", "jdk.crypto.ec", "jdk.localedata",
            "jdk.charsets", "javafx.base", "javafx.graphics", "javafx.controls");
    /** Locales whose number, currency and date formats the runtime keeps (the full set adds about 30 MB). */
    static final String LOCALES = "en,de,fr,es,it,nl,pt,sv,da,nb,fi,pl,cs,ja,zh";
    /**
     * What jlink leaves out of the modules image: JavaFX's native libraries as resources of its modules (copied to the
     * runtime's library folder instead, see the jlink call), the JDK's javadoc images ({@code doc-files}), and the
     * translations of the JDK's own messages (XML parser, XSLT, keytool, launcher, AWT, Swing: 1 MiB; the app's
     * window speaks English, a JDK message falls back to its English text; JavaFX's control texts stay translated).
     */
    static final String EXCLUDED_RESOURCES = String.join(",", "/javafx.*/*.so", "/javafx.*/*.dll", "/javafx.*/*.dylib",
            "/java.*/**/doc-files/**",
            "regex:/(java\\.base|java\\.xml|java\\.desktop)/.*/(resources|res|msg|utils|util|runtime)/[^/]*_"
                    + "(de|fr|es|it|ja|ko|pt_BR|sv|zh_CN|zh_TW|zh_HK)\\.(class|properties)");
    /** Native libraries of java.desktop the app never loads: the launcher's splash screen, javax.sound, JPEG in ImageIO. */
    static final List<String> UNUSED_NATIVE_LIBRARIES = List.of("splashscreen", "jsound", "javajpeg");
    private static final List<String> MODES = List.of("auto", "none");

    /** The heap and GC options of every launcher, chosen by measurement (README, "Memory"); one per line. */
    static final Path MEMORY_OPTIONS = Path.of("packaging", "launcher-memory.options");

    /** The JVM options every launcher of the image passes, for a runtime of the given JDK feature release. */
    static List<String> javaOptions(int jdkFeature) throws IOException {
        List<String> options = new ArrayList<>(memoryOptions());
        // Measured with the rest of the memory options (README, "Memory"); newer JDKs only, as the checks below.
        if (jdkFeature >= 22) {
            // glibc keeps freed native memory (the JIT's arenas, Prism's and Mesa's buffers): hand it back when idle
            options.add("-XX:TrimNativeHeapInterval=15000");
        }
        if (jdkFeature >= 25) {
            // 8-byte object headers instead of 12: the 60,000 records are mostly small objects (strings, instants)
            options.add("-XX:+UseCompactObjectHeaders");
        }
        // JVM warnings (e.g. an archive that does not match) go to stderr: stdout is for CLI output.
        options.addAll(List.of("-Xlog:disable", "-Xlog:all=warning:stderr"));
        // JavaFX 21, sqlite-jdbc and JNA (java-keyring; both on the class path) load native code, and JavaFX uses
        // sun.misc.Unsafe; newer JDKs warn about both on stderr unless allowed. Older JDKs do not know these options
        // and would refuse to start, hence the version checks.
        if (jdkFeature >= 22) {
            options.add("--enable-native-access=javafx.graphics,ALL-UNNAMED");
        }
        if (jdkFeature >= 23) {
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        return options;
    }

    /**
     * The environment the Linux launcher script sets: glibc makes up to 8 malloc arenas per core, each keeping what
     * was freed in it; two bound what the app's native side (JavaFX, Mesa, the JIT) keeps (measured with the heap
     * settings, README "Memory").
     */
    static final Map<String, String> LAUNCHER_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    /** {@link #MEMORY_OPTIONS} without its comments; the benchmark starts its stand-ins for the app with them too. */
    static List<String> memoryOptions() throws IOException {
        return Files.readAllLines(MEMORY_OPTIONS).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    private static final Pattern JAVAFX_JAR =
            Pattern.compile("javafx-([a-z]+)-([0-9][0-9.]*)(-(linux|linux-aarch64|win|win-x86|mac|mac-aarch64))?\\.jar");

    private final Path root = Path.of("").toAbsolutePath();
    private final Path target = root.resolve("target");
    private final Path dist = target.resolve("dist");
    private final Path work = target.resolve("dist-work");
    private final String os = osKey();
    private final String version;
    private final String installers;
    private final String cds;
    private final String launcher;

    private BuildDist(Map<String, String> options) {
        if (!options.containsKey("version")) {
            throw new IllegalArgumentException("--version=<project version> is required");
        }
        version = packageVersion(options.get("version"));
        installers = mode(options, "installers");
        cds = mode(options, "cds");
        launcher = options.getOrDefault("launcher", "script");
        if (!List.of("script", "native").contains(launcher)) {
            throw new IllegalArgumentException("--launcher must be script or native, not '" + launcher + "'");
        }
    }

    private static String mode(Map<String, String> options, String name) {
        String value = options.getOrDefault(name, "auto");
        if (!MODES.contains(value)) {
            throw new IllegalArgumentException("--" + name + " must be auto or none, not '" + value + "'");
        }
        return value;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            Matcher m = Pattern.compile("--([a-z]+)=(.*)").matcher(arg);
            if (!m.matches() || !List.of("version", "installers", "cds", "launcher").contains(m.group(1))) {
                throw new IllegalArgumentException(
                        "Unknown argument '" + arg + "'; use --version=, --installers=, --cds=, --launcher=");
            }
            options.put(m.group(1), m.group(2));
        }
        new BuildDist(options).run();
    }

    private void run() throws IOException, InterruptedException {
        Path mainJar = target.resolve(MAIN_JAR);
        Path lib = target.resolve("lib");
        if (!Files.isRegularFile(mainJar) || !Files.isDirectory(lib)) {
            throw new IllegalStateException("Run `mvn package` first: " + mainJar + " or " + lib + " is missing");
        }
        deleteTree(dist);
        deleteTree(work);
        Files.createDirectories(dist);

        List<Path> javafxModules = new ArrayList<>();
        List<Path> classPath = new ArrayList<>();
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                Matcher m = JAVAFX_JAR.matcher(jar.getFileName().toString());
                if (!m.matches()) {
                    classPath.add(jar);
                } else if (m.group(3) != null) {
                    javafxModules.add(jar);
                }
            }
        }
        if (javafxModules.isEmpty()) {
            throw new IllegalStateException("No javafx-*-<platform>.jar in " + lib + "; is the OpenJFX dependency there?");
        }

        Path input = work.resolve("input");
        Files.createDirectories(input.resolve("lib"));
        Files.copy(mainJar, input.resolve(MAIN_JAR));
        for (Path jar : classPath) {
            copyForThisPlatform(jar, input.resolve("lib").resolve(jar.getFileName()));
        }

        String modulePath = join(javafxModules);
        TreeSet<String> modules = new TreeSet<>(jdepsModules(mainJar, classPath, modulePath));
        // jdk.crypto.ec is gone from newer JDKs (its code moved into java.base); take only what this JDK has.
        EXTRA_MODULES.stream()
                .filter(m -> m.startsWith("javafx.") || java.lang.module.ModuleFinder.ofSystem().find(m).isPresent())
                .forEach(modules::add);
        log("runtime modules: " + String.join(",", modules));

        Path runtime = work.resolve("runtime");
        // JavaFX's loader tries its libraries as resources of their module before the library path: when they are in
        // the modules image it unpacks each into ~/.openjfx/cache and MD5s it against the cached copy at every start
        // (on the toolkit's and the renderer's start-up path), so they are left out there and loaded from lib/.
        tool("jlink", "--module-path", modulePath, "--add-modules", String.join(",", modules),
                "--include-locales=" + LOCALES, "--strip-debug", "--no-header-files", "--no-man-pages",
                "--exclude-resources=" + EXCLUDED_RESOURCES,
                "--compress=zip-6", "--generate-cds-archive", "--output", runtime.toString());
        copyNativeLibraries(javafxModules, runtime.resolve(os.equals("windows") ? "bin" : "lib"));
        for (String library : UNUSED_NATIVE_LIBRARIES) {
            Files.deleteIfExists(runtime.resolve(os.equals("windows") ? "bin" : "lib").resolve(System.mapLibraryName(library)));
        }
        stripNativeSymbols(runtime);
        // Only with -XX:-UseCompressedOops (heaps over 32 GB); the launcher's small heap never maps it: 15 MB for nothing.
        deleteDefaultCdsArchives(runtime, List.of("classes_nocoops.jsa"));

        List<String> appImage = new ArrayList<>(List.of("--type", "app-image", "--dest", dist.toString(),
                "--input", input.toString(), "--main-jar", MAIN_JAR, "--main-class", MAIN_CLASS,
                "--runtime-image", runtime.toString()));
        appImage.addAll(commonOptions());
        // The runtime in the image is this JDK, so its version decides which options exist.
        for (String option : javaOptions(Runtime.version().feature())) {
            appImage.addAll(List.of("--java-options", option));
        }
        appImage.add("@packaging/" + os + "/app-image.args");
        tool("jpackage", appImage.toArray(String[]::new));
        Path image = appImagePath();
        log("app image: " + root.relativize(image));

        if (cds.equals("auto")) {
            trainStartupArchive(image);
        }
        if (os.equals("linux") && launcher.equals("script")) {
            writeLauncherScript(image);
        }
        if (installers.equals("auto")) {
            buildInstallers(image);
        }
    }

    /**
     * Records the classes one start of the app loads into an archive beside the jars and makes the launcher map
     * it: on JDK 25+ an AOT cache (JEP 483/514: classes loaded and linked ahead of time), before that a dynamic
     * AppCDS archive. The JVM checks the archive against the class path and options at every start and ignores
     * it (with a warning on stderr) when they differ, so a stale archive costs speed, never correctness.
     */
    private void trainStartupArchive(Path image) throws IOException, InterruptedException {
        if (os.equals("windows")) {
            // A training run cannot be stopped gracefully on Windows (no SIGTERM), so the JVM writes the archive at
            // the end of the user's first session instead; the per-user install makes the app directory writable.
            // One archive per launcher, so a first `FlowCRM-cli --version` cannot leave the GUI a CLI-only archive.
            try (Stream<Path> files = Files.list(appDir(image))) {
                for (Path cfg : files.filter(f -> f.toString().endsWith(".cfg")).toList()) {
                    String launcher = cfg.getFileName().toString().replaceFirst("\\.cfg$", "");
                    addJavaOption(cfg, "-XX:+AutoCreateSharedArchive");
                    addJavaOption(cfg, "-XX:SharedArchiveFile=$APPDIR/" + launcher + ".jsa");
                }
            }
            log("start-up archive: written by each launcher on its first run (-XX:+AutoCreateSharedArchive)");
            return;
        }
        List<String> command = new ArrayList<>();
        if (os.equals("linux") && System.getenv("DISPLAY") == null) {
            if (!onPath("xvfb-run")) {
                log("skipping the start-up archive: no DISPLAY and no xvfb-run for the training run (package xvfb)");
                return;
            }
            // -n: start the free-display search away from :99, which concurrent xvfb-run -a users race for.
            command.addAll(List.of("xvfb-run", "-a", "-n", String.valueOf(200 + ProcessHandle.current().pid() % 500)));
        }
        boolean aotCache = Runtime.version().feature() >= 25;
        Path appDir = appDir(image);
        Path archive = appDir.resolve(aotCache ? "flow-crm.aot" : "flow-crm.jsa");
        Path trainingHome = Files.createDirectories(work.resolve("training-home"));
        Path trainingLog = work.resolve("startup-training.log");
        command.addAll(List.of("sh", "packaging/startup-training.sh", launcherPath(image).toString()));
        ProcessBuilder training = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(trainingLog.toFile());
        training.environment().put("JAVA_TOOL_OPTIONS", String.join(" ",
                // Without the training run's method profiles (1.7 MiB of the cache): the window's start measured the same
                // without them (CPU to the sign-in window 1.66 s against 1.81 s with, alternated, 2026-12-04).
                aotCache ? "-XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining -XX:AOTCacheOutput=" + archive
                        : "-XX:ArchiveClassesAtExit=" + archive,
                "-Dflow.home=" + trainingHome));
        log("training run for the start-up archive: " + String.join(" ", command));
        long start = System.nanoTime();
        int code = training.start().waitFor();
        log("training run took " + (System.nanoTime() - start) / 1_000_000_000 + " s");
        if (code != 0 || !Files.isRegularFile(archive) || Files.size(archive) == 0) {
            // The archive only speeds up start-up; an image without it is still a correct image.
            Files.deleteIfExists(archive);
            System.out.print(Files.readString(trainingLog));
            log("WARNING: the training run (exit code " + code + ", output above) wrote no start-up archive;"
                    + " the image starts without one");
            return;
        }
        String option = (aotCache ? "-XX:AOTCache=$APPDIR/" : "-XX:SharedArchiveFile=$APPDIR/") + archive.getFileName();
        try (Stream<Path> files = Files.list(appDir)) {
            for (Path cfg : files.filter(f -> f.toString().endsWith(".cfg")).toList()) {
                addJavaOption(cfg, option);
            }
        }
        log("start-up archive: " + root.relativize(archive) + " (" + Files.size(archive) / (1024 * 1024) + " MB)");
        if (aotCache) {
            // The AOT cache holds the JDK's classes too and replaces the JDK's default CDS archive, which no launcher
            // of this image maps any more (15 MB). Without a cache (a failed training run, --cds=none, JDK < 25 with
            // its dynamic archive on top of the default one) the default archive stays.
            deleteDefaultCdsArchives(image, List.of("classes.jsa"));
        }
    }

    /**
     * Linux: drops the symbol tables of the runtime's native libraries (libjvm.so carries 5 MB of them; jlink's
     * --strip-native-debug-symbols only removes debug sections, which these builds do not have). Exported symbols
     * stay, so the libraries link and crash logs still name exported functions. Skipped without {@code strip}.
     */
    private void stripNativeSymbols(Path runtime) throws IOException, InterruptedException {
        if (!os.equals("linux")) {
            return;
        }
        if (!onPath("strip")) {
            log("not stripping native symbols: no strip on PATH (package binutils)");
            return;
        }
        long before = treeSize(runtime);
        try (Stream<Path> files = Files.walk(runtime.resolve("lib"))) {
            for (Path lib : files.filter(f -> f.toString().endsWith(".so")).toList()) {
                Process strip = new ProcessBuilder("strip", "--strip-unneeded", lib.toString()).inheritIO().start();
                if (strip.waitFor() != 0) {
                    throw new IllegalStateException("strip failed on " + lib);
                }
            }
        }
        log("stripped native symbols: runtime " + before / (1024 * 1024) + " -> " + treeSize(runtime) / (1024 * 1024)
                + " MB");
    }

    /** Deletes these CDS archives wherever the runtime keeps them (lib/server, bin/server on Windows). */
    private static void deleteDefaultCdsArchives(Path runtime, List<String> names) throws IOException {
        try (Stream<Path> files = Files.walk(runtime)) {
            for (Path archive : files.filter(f -> names.contains(f.getFileName().toString())).toList()) {
                long size = Files.size(archive);
                Files.delete(archive);
                log("dropped the runtime's " + archive.getFileName() + " (" + size / (1024 * 1024) + " MB)");
            }
        }
    }

    private static long treeSize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /**
     * Linux: replaces jpackage's native launcher with a shell script that starts the bundled runtime with the same
     * class path, main class and options (read from the launcher's .cfg once it is final). The native launcher asks
     * {@code rpm -qf} and {@code dpkg -S} which package owns it, twice, at every start (to find its library when
     * installed elsewhere than the image layout): 0.45 s of the 0.8 s start-up budget on a machine with 760 packages,
     * more with more. jpackage's native launcher and the library only it loads ({@code lib/libapplauncher.so}, 1.7 MB
     * of the image) are removed ({@code --launcher=native} keeps them and no script): nothing else starts them, and
     * the installers only package the image as it is.
     */
    private void writeLauncherScript(Path image) throws IOException {
        Path nativeLauncher = launcherPath(image);
        Path cfg = appDir(image).resolve(APP_NAME + ".cfg");
        List<String> classPath = new ArrayList<>();
        List<String> options = new ArrayList<>();
        String mainClass = null;
        for (String line : Files.readAllLines(cfg)) {
            if (line.startsWith("app.classpath=")) {
                classPath.add(line.substring("app.classpath=".length()));
            } else if (line.startsWith("app.mainclass=")) {
                mainClass = line.substring("app.mainclass=".length());
            } else if (line.startsWith("java-options=")) {
                options.add(line.substring("java-options=".length()));
            }
        }
        if (mainClass == null || classPath.isEmpty()) {
            throw new IllegalStateException(cfg + " names no main class or class path");
        }
        StringBuilder script = new StringBuilder();
        script.append("#!/bin/sh\n")
                .append("# Starts Flow CRM with the runtime in this image (written by packaging/BuildDist.java from\n")
                .append("# lib/app/").append(APP_NAME).append(".cfg). jpackage's native launcher, which this replaces,")
                .append(" asked\n")
                .append("# rpm and dpkg which package owns it at every start, which took longer than the rest of it.\n")
                .append("bin=$(dirname \"$(readlink -f \"$0\")\")\n")
                .append("root=$(dirname \"$bin\")\n")
                .append("app=\"$root/lib/app\"\n");
        LAUNCHER_ENVIRONMENT.forEach((name, value) -> script.append("export ").append(name).append('=')
                .append(shellWord(value)).append('\n'));
        // the rule of com.flowcrm.app.GpuCheck: without a GPU device GTK's OpenGL would only map Mesa's libLLVM
        script.append("gpu=no\nfor device in /dev/dri/card* /dev/dri/renderD* /dev/nvidia0; do\n")
                .append("    [ -e \"$device\" ] && gpu=yes\ndone\nif [ \"$gpu\" = no ]; then\n")
                .append("    export GDK_GL='disable'\nfi\n");
        script.append("exec \"$root/lib/runtime/bin/java\" ").append(shellWord("-Djpackage.app-path=$BINDIR/" + APP_NAME));
        for (String option : options) {
            script.append(" \\\n    ").append(shellWord(option));
        }
        script.append(" \\\n    -cp ").append(shellWord(String.join(":", classPath)))
                .append(" \\\n    ").append(shellWord(mainClass)).append(" \"$@\"\n");
        Files.writeString(nativeLauncher, script.toString());
        nativeLauncher.toFile().setExecutable(true, false);
        Files.deleteIfExists(image.resolve("lib").resolve("libapplauncher.so"));
        log("launcher: " + root.relativize(nativeLauncher) + " is a shell script (jpackage's native launcher and"
                + " lib/libapplauncher.so removed)");
    }

    /** One shell word: the jpackage .cfg tokens $APPDIR, $BINDIR and $ROOTDIR expanded at run time, the rest literal. */
    static String shellWord(String text) {
        StringBuilder word = new StringBuilder();
        Matcher m = Pattern.compile("\\$(APPDIR|BINDIR|ROOTDIR)").matcher(text);
        int last = 0;
        while (m.find()) {
            word.append(singleQuoted(text.substring(last, m.start())));
            word.append(switch (m.group(1)) {
                case "APPDIR" -> "\"$app\"";
                case "BINDIR" -> "\"$bin\"";
                default -> "\"$root\"";
            });
            last = m.end();
        }
        word.append(singleQuoted(text.substring(last)));
        return word.length() == 0 ? "''" : word.toString();
    }

    private static String singleQuoted(String text) {
        return text.isEmpty() ? "" : "'" + text.replace("'", "'\\''") + "'";
    }

    /** Adds a line to the [JavaOptions] section of a jpackage launcher .cfg file, after its other options. */
    static void addJavaOption(Path cfg, String option) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(cfg));
        int section = lines.indexOf("[JavaOptions]");
        if (section < 0) {
            throw new IllegalStateException(cfg + " has no [JavaOptions] section");
        }
        int insert = section + 1;
        while (insert < lines.size() && !lines.get(insert).startsWith("[")) {
            insert++;
        }
        while (insert > section + 1 && lines.get(insert - 1).isBlank()) {
            insert--;
        }
        lines.add(insert, "java-options=" + option);
        Files.write(cfg, lines);
    }

    private Path launcherPath(Path image) {
        return os.equals("macos") ? image.resolve("Contents").resolve("MacOS").resolve(APP_NAME)
                : image.resolve("bin").resolve(APP_NAME);
    }

    private List<String> jdepsModules(Path mainJar, List<Path> classPath, String modulePath) {
        List<String> args = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps",
                "--multi-release", String.valueOf(Runtime.version().feature()),
                "--module-path", modulePath, "--class-path", join(classPath), mainJar.toString()));
        classPath.forEach(jar -> args.add(jar.toString()));
        String out = tool("jdeps", args.toArray(String[]::new)).strip();
        String last = out.lines().reduce((a, b) -> b).orElse("");
        if (!last.matches("[a-z0-9.,]+")) {
            throw new IllegalStateException("Unexpected jdeps output: " + out);
        }
        return List.of(last.split(","));
    }

    private void buildInstallers(Path image) {
        List<String> types = switch (os) {
            case "linux" -> {
                List<String> linux = new ArrayList<>();
                if (onPath("dpkg-deb") && onPath("fakeroot")) {
                    linux.add("deb");
                } else {
                    log("skipping .deb: it needs dpkg-deb and fakeroot on PATH (apt-get install fakeroot)");
                }
                if (onPath("rpmbuild")) {
                    linux.add("rpm");
                } else {
                    log("skipping .rpm: it needs rpmbuild on PATH (package rpm)");
                }
                yield linux;
            }
            case "windows" -> {
                if (onPath("wix") || (onPath("candle") && onPath("light"))) {
                    yield List.of("msi");
                }
                log("skipping .msi: it needs WiX 3 (candle, light) or WiX 4+ (wix) on PATH");
                yield List.of();
            }
            default -> List.of("dmg");
        };
        for (String type : types) {
            List<String> args = new ArrayList<>(List.of("--type", type, "--app-image", image.toString(),
                    "--dest", dist.toString()));
            args.addAll(commonOptions());
            args.add("@packaging/" + os + "/installer.args");
            tool("jpackage", args.toArray(String[]::new));
        }
        try (Stream<Path> files = Files.list(dist)) {
            files.filter(Files::isRegularFile).forEach(f -> log("installer: " + root.relativize(f)));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + dist, e);
        }
    }

    private List<String> commonOptions() {
        return List.of("--name", APP_NAME, "--app-version", version, "--vendor", "Flow CRM",
                "--description", "Flow CRM desktop client: live pipeline, contacts and notifications",
                "--copyright", "Copyright Flow CRM");
    }

    private Path appImagePath() {
        return dist.resolve(os.equals("macos") ? APP_NAME + ".app" : APP_NAME);
    }

    /** The directory jpackage puts the app's jars and .cfg in; the CDS archive goes beside them. */
    private Path appDir(Path image) {
        return switch (os) {
            case "macos" -> image.resolve("Contents").resolve("app");
            case "windows" -> image.resolve("app");
            default -> image.resolve("lib").resolve("app");
        };
    }

    /**
     * Copies a class-path jar into the image without the native libraries it carries for other platforms (sqlite-jdbc
     * has 21, JNA, for java-keyring, 26); a jar with none for this platform is copied whole, with a warning.
     */
    private void copyForThisPlatform(Path jar, Path dest) throws IOException {
        Map<Pattern, String> folders = nativeFolders(os, System.getProperty("os.arch"));
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<? extends ZipEntry> entries = zip.stream().toList();
            long others = entries.stream().filter(e -> Boolean.FALSE.equals(ours(folders, e.getName()))).count();
            if (others == 0 || entries.stream().noneMatch(e -> Boolean.TRUE.equals(ours(folders, e.getName())))) {
                if (others > 0) {
                    log("WARNING: " + jar.getFileName() + " has no native library in " + folders.values() + "; kept whole");
                }
                Files.copy(jar, dest);
                return;
            }
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(dest))) {
                for (ZipEntry entry : entries.stream().filter(e -> !Boolean.FALSE.equals(ours(folders, e.getName()))).toList()) {
                    ZipEntry copy = new ZipEntry(entry.getName());
                    copy.setTime(entry.getTime());
                    out.putNextEntry(copy);
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                }
            }
            log(jar.getFileName() + ": left out " + others + " native libraries of other platforms, "
                    + Files.size(jar) / 1024 + " -> " + Files.size(dest) / 1024 + " KiB");
        }
    }

    /** Null: not a native library; true: one for this platform; false: one for another. */
    private static Boolean ours(Map<Pattern, String> folders, String entry) {
        for (Map.Entry<Pattern, String> folder : folders.entrySet()) {
            Matcher m = folder.getKey().matcher(entry);
            if (m.matches()) {
                return m.group(1).equals(folder.getValue());
            }
        }
        return null;
    }

    /**
     * Where each jar keeps its native libraries (group 1: the platform's folder) and the folder its loader reads on this
     * OS and architecture: sqlite-jdbc's {@code OSInfo} and JNA's {@code Platform.RESOURCE_PREFIX}.
     */
    static Map<Pattern, String> nativeFolders(String os, String osArch) {
        String arch = osArch.equals("amd64") ? "x86_64" : osArch;
        String sqlite = os.equals("windows") ? "Windows" : os.equals("macos") ? "Mac" : "Linux";
        String jna = os.equals("windows") ? "win32" : os.equals("macos") ? "darwin" : "linux";
        return Map.of(Pattern.compile("org/sqlite/native/([^/]+/[^/]+)/[^/]+"), sqlite + "/" + arch,
                Pattern.compile("com/sun/jna/([a-z0-9-]+)/[^/]*jnidispatch[^/]*"), jna + "-" + arch.replace('_', '-'));
    }

    private static void copyNativeLibraries(List<Path> javafxModules, Path libraryDir) throws IOException {
        for (Path jar : javafxModules) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry entry : zip.stream().toList()) {
                    String name = entry.getName();
                    if (!name.contains("/") && (name.endsWith(".so") || name.endsWith(".dll") || name.endsWith(".dylib"))) {
                        try (InputStream in = zip.getInputStream(entry)) {
                            Files.copy(in, libraryDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
        }
    }

    /** jpackage wants 1 to 3 numbers; a -SNAPSHOT or other suffix is dropped. */
    static String packageVersion(String projectVersion) {
        Matcher m = Pattern.compile("^(\\d+(\\.\\d+){0,2})").matcher(projectVersion);
        if (!m.find()) {
            throw new IllegalArgumentException("Version '" + projectVersion + "' does not start with a number");
        }
        return m.group(1);
    }

    static String tool(String name, String... args) {
        ToolProvider tool = ToolProvider.findFirst(name)
                .orElseThrow(() -> new IllegalStateException(name + " is missing: run this with a full JDK 21+"));
        log(name + " " + String.join(" ", args).replace(Path.of("").toAbsolutePath() + java.io.File.separator, ""));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int code = tool.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        log(name + " took " + (System.nanoTime() - start) / 1_000_000_000 + " s");
        if (!err.toString().isBlank()) {
            System.err.print(err);
        }
        if (code != 0) {
            System.out.print(out);
            throw new IllegalStateException(name + " failed with exit code " + code);
        }
        return out.toString();
    }

    static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        List<String> suffixes = osKey().equals("windows") ? List.of(".exe", ".cmd", ".bat") : List.of("");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            for (String suffix : suffixes) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command + suffix))) {
                    return true;
                }
            }
        }
        return false;
    }

    static String osKey() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        return name.startsWith("windows") ? "windows" : name.startsWith("mac") ? "macos" : "linux";
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void log(String message) {
        System.out.println("[dist] " + message);
    }
}
