package com.flowcrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuCheckTest {
    @TempDir
    Path dev;

    @Test
    void linuxWithoutADriOrNvidiaDeviceHasNoGpu() throws IOException {
        assertThat(GpuCheck.hasGpu("Linux", dev)).isFalse();
        Files.createDirectory(dev.resolve("dri"));
        assertThat(GpuCheck.hasGpu("Linux", dev)).isFalse();
        Files.createFile(dev.resolve("dri").resolve("by-path"));
        assertThat(GpuCheck.hasGpu("Linux", dev)).isFalse();
    }

    @Test
    void aRenderNodeACardOrAnNvidiaDeviceIsAGpu() throws IOException {
        Files.createDirectory(dev.resolve("dri"));
        Files.createFile(dev.resolve("dri").resolve("renderD128"));
        assertThat(GpuCheck.hasGpu("Linux", dev)).isTrue();
        Files.delete(dev.resolve("dri").resolve("renderD128"));
        Files.createFile(dev.resolve("dri").resolve("card0"));
        assertThat(GpuCheck.hasGpu("Linux", dev)).isTrue();
        Files.delete(dev.resolve("dri").resolve("card0"));
        Files.createFile(dev.resolve("nvidia0"));
        assertThat(GpuCheck.hasGpu("Linux", dev)).isTrue();
    }

    @Test
    void otherSystemsAreNeverAskedToRenderInSoftware() {
        assertThat(GpuCheck.hasGpu("Windows 11", dev)).isTrue();
        assertThat(GpuCheck.hasGpu("Mac OS X", dev)).isTrue();
    }

    @Test
    void aPipelineTheUserChoseIsKept() {
        String before = System.getProperty(GpuCheck.PIPELINE_PROPERTY);
        try {
            System.setProperty(GpuCheck.PIPELINE_PROPERTY, "es2");
            GpuCheck.chooseRenderingPipeline();
            assertThat(System.getProperty(GpuCheck.PIPELINE_PROPERTY)).isEqualTo("es2");
        } finally {
            if (before == null) {
                System.clearProperty(GpuCheck.PIPELINE_PROPERTY);
            } else {
                System.setProperty(GpuCheck.PIPELINE_PROPERTY, before);
            }
        }
    }
}
