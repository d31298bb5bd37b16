package com.flowcrm.app;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On Linux without a GPU (a VM, a remote desktop, Xvfb) JavaFX's default pipeline, OpenGL ES 2, can only get Mesa's
 * software rasterizer: trying it maps Mesa and its libLLVM (about 60 MB of the app's resident memory) and ends in
 * JavaFX's own software pipeline anyway on the machines measured (README "Memory"). There the app asks for the
 * software pipeline at once; the launcher script keeps GTK from loading OpenGL too ({@code GDK_GL=disable}) by the
 * same rule. A machine with a GPU, and a {@code prism.order} the user set, are left as they are.
 */
final class GpuCheck {
    private static final Logger LOG = LoggerFactory.getLogger(GpuCheck.class);
    static final String PIPELINE_PROPERTY = "prism.order";

    private GpuCheck() {
    }

    /** Sets {@code prism.order=sw} before the toolkit starts when this is Linux without a GPU device. */
    static void chooseRenderingPipeline() {
        if (System.getProperty(PIPELINE_PROPERTY) == null
                && !hasGpu(System.getProperty("os.name", ""), Path.of("/dev"))) {
            System.setProperty(PIPELINE_PROPERTY, "sw");
            LOG.debug("No GPU device under /dev: JavaFX's software pipeline, without trying OpenGL first");
        }
    }

    /**
     * Whether rendering can be done by a GPU: always off Linux (the question is Linux's); on Linux, whether a DRM
     * device ({@code dri/card*}, {@code dri/renderD*}) or NVIDIA's ({@code nvidia0}) exists under {@code dev}.
     */
    static boolean hasGpu(String osName, Path dev) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return true;
        }
        if (Files.exists(dev.resolve("nvidia0"))) {
            return true;
        }
        Path dri = dev.resolve("dri");
        if (!Files.isDirectory(dri)) {
            return false;
        }
        try (DirectoryStream<Path> devices = Files.newDirectoryStream(dri, "{card,renderD}*")) {
            return devices.iterator().hasNext();
        } catch (IOException e) {
            // cannot tell: leave JavaFX its own choice
            return true;
        }
    }
}
