package com.flowcrm.ui.theme;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.flowcrm.model.Theme;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThemeSwitcherTest {
    private final List<String> applied = new ArrayList<>();
    private final ThemeSwitcher switcher = new ThemeSwitcher(applied::add);

    @Test
    void appliesPrimerLightOrDarkOncePerChange() {
        switcher.apply(Theme.DARK);
        switcher.apply(Theme.DARK);
        switcher.apply(Theme.LIGHT);
        switcher.apply(null);

        assertThat(applied).containsExactly(new PrimerDark().getUserAgentStylesheetBSS(),
                new PrimerLight().getUserAgentStylesheetBSS());
        assertThat(switcher.getTheme()).isEqualTo(Theme.LIGHT);
    }

    @Test
    void ourStylesheetIsOnTheClasspath() {
        assertThat(ThemeSwitcher.APP_STYLESHEET).endsWith("com/flowcrm/ui/app.css");
    }
}
