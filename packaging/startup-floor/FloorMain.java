import atlantafx.base.theme.PrimerLight;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The start-up floor's reduced cases (packaging/startup-floor.sh; never shipped in the image): a window titled
 * "Flow CRM" with one Label, of the sign-in window's size, started the way the app starts its own: the software
 * pipeline chosen when there is no GPU device (app/GpuCheck's rule), the theme applied from init() (argument
 * "theme": AtlantaFX's Primer Light from its binary stylesheet, as ThemeSwitcher does) or none ("plain").
 */
public final class FloorMain extends Application {
    private static boolean themed;

    public static void main(String[] args) {
        themed = args.length > 0 && args[0].equals("theme");
        if (System.getProperty("prism.order") == null && !Files.exists(Path.of("/dev/dri"))
                && !Files.exists(Path.of("/dev/nvidia0"))) {
            System.setProperty("prism.order", "sw");
        }
        Application.launch(FloorMain.class, args);
    }

    @Override
    public void init() {
        if (themed) {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheetBSS());
        }
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("Flow CRM");
        stage.setScene(new Scene(new StackPane(new Label("Sign in to Flow CRM"))));
        stage.setWidth(1280);
        stage.setHeight(820);
        stage.centerOnScreen();
        stage.show();
    }
}
