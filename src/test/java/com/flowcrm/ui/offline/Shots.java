package com.flowcrm.ui.offline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.awt.image.BufferedImage;
import javafx.scene.image.WritableImage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Saves what the test window shows when {@code -Dshots.dir} names a folder (to look at a screen in both themes). */
final class Shots {
    private Shots() {
    }

    static void take(FxRobot robot, String name) {
        String dir = System.getProperty("shots.dir");
        if (dir == null || dir.isBlank()) {
            return;
        }
        WaitForAsyncUtils.waitForFxEvents();
        var window = robot.listTargetWindows().get(0);
        var image = WaitForAsyncUtils.asyncFx(() -> window.getScene().snapshot(null));
        try {
            Path file = Path.of(dir).resolve(name + ".png");
            Files.createDirectories(file.getParent());
            javax.imageio.ImageIO.write(toBuffered(image.get()), "png", file.toFile());
        } catch (IOException | InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Could not save the screenshot " + name, e);
        }
    }

    private static BufferedImage toBuffered(WritableImage image) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getPixelReader().getPixels(0, y, width, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row,
                    0, width);
            out.setRGB(0, y, width, 1, row, 0, width);
        }
        return out;
    }
}
