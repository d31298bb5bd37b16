package com.flowcrm.ui.insights;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.transform.Transform;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/**
 * Saves a chart as a PNG (a snapshot at twice the screen's scale, so it stays sharp on a slide) and the numbers
 * behind it as CSV. The snapshot is taken on the FX thread; encoding and writing run on the given executor and
 * go through a temporary file, so a failed write never leaves half a file under the chosen name.
 */
final class ChartExport {
    private ChartExport() {
    }

    /** On the FX thread: snapshots the node now and writes it; the future fails with the I/O error. */
    static CompletableFuture<Path> png(Node node, Path file, Executor io) {
        double scale = snapshotScale(node);
        SnapshotParameters parameters = new SnapshotParameters();
        parameters.setTransform(Transform.scale(scale, scale));
        WritableImage image = node.snapshot(parameters, null);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        return CompletableFuture.supplyAsync(() -> write(file, temp -> {
            BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
            out.setRGB(0, 0, width, height, argb, 0, width);
            if (!ImageIO.write(out, "png", temp.toFile())) {
                throw new IOException("No PNG writer is available");
            }
        }), io);
    }

    /** Writes text made on the calling thread (from an immutable snapshot of the numbers). */
    static CompletableFuture<Path> csv(String text, Path file, Executor io) {
        return CompletableFuture.supplyAsync(() -> write(file, temp -> {
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                writer.write(text);
            }
        }), io);
    }

    /** Twice the scale of the screen the node is on (2 on a normal screen, 4 on a 200% one). */
    static double snapshotScale(Node node) {
        Window window = node.getScene() == null ? null : node.getScene().getWindow();
        double screen = window == null ? 1 : Math.max(1, window.getOutputScaleX());
        return 2 * screen;
    }

    private interface Content {
        void writeTo(Path temp) throws IOException;
    }

    private static Path write(Path file, Content content) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".flow-export", ".tmp");
            try {
                content.writeTo(temp);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
