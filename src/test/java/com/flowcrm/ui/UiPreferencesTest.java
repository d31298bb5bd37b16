package com.flowcrm.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.model.Theme;
import com.flowcrm.ui.UiPreferences.ServerAddress;
import com.flowcrm.ui.UiPreferences.WindowBounds;
import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UiPreferencesTest {
    private final Preferences node = Preferences.userRoot().node("/com/flowcrm/test/" + UUID.randomUUID());
    private final UiPreferences preferences = new UiPreferences(node);

    @AfterEach
    void removeNode() throws BackingStoreException {
        node.removeNode();
    }

    @Test
    void remembersWindowViewThemeAndEmail() {
        assertThat(preferences.windowBounds()).isEmpty();
        preferences.saveWindowBounds(new WindowBounds(10, 20, 1300, 850, true));
        preferences.saveLastView("CONTACTS");
        preferences.saveTheme(Theme.DARK);
        preferences.saveLastEmail(" rep@acme.example ");

        UiPreferences reread = new UiPreferences(node);
        assertThat(reread.windowBounds()).contains(new WindowBounds(10, 20, 1300, 850, true));
        assertThat(reread.lastView()).contains("CONTACTS");
        assertThat(reread.theme()).contains(Theme.DARK);
        assertThat(reread.lastEmail()).contains("rep@acme.example");
    }

    @Test
    void chosenServerAppliesWhileTheConfigurationIsUnchanged() {
        ServerAddress configured = new ServerAddress("http://localhost:4000/api", "ws://localhost:4545");
        ServerAddress chosen = new ServerAddress("https://crm.acme.example/api", "wss://crm.acme.example/ws");
        assertThat(preferences.serverFor(configured)).isEqualTo(configured);

        preferences.saveServer(configured, chosen);
        assertThat(preferences.serverFor(configured)).isEqualTo(chosen);

        ServerAddress newConfiguration = new ServerAddress("https://other.example/api", "wss://other.example/ws");
        assertThat(preferences.serverFor(newConfiguration)).isEqualTo(newConfiguration);
    }

    @Test
    void neverStoresAPassword() throws BackingStoreException {
        preferences.saveLastEmail("rep@acme.example");
        preferences.saveServer(new ServerAddress("a", "b"), new ServerAddress("c", "d"));
        for (String key : node.keys()) {
            assertThat(key.toLowerCase()).doesNotContain("password").doesNotContain("token");
        }
    }
}
