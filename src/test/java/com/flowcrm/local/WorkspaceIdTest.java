package com.flowcrm.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkspaceIdTest {
    @Test
    void fileNameIsReadableAndEndsWithAHashOfUrlAndEmail() {
        WorkspaceId id = new WorkspaceId("https://crm.example.com/api", "Dana.Rep@Example.com");

        assertThat(id.fileName()).matches("crm\\.example\\.com_dana\\.rep@example\\.com_[0-9a-f]{10}\\.db");
    }

    @Test
    void theSameUserAndServerAlwaysGetTheSameFileWhateverTheSpellingOfEmailAndTrailingSlash() {
        WorkspaceId a = new WorkspaceId("https://crm.example.com/api/", " Dana@Example.com ");
        WorkspaceId b = new WorkspaceId("https://crm.example.com/api", "dana@example.com");

        assertThat(a).isEqualTo(b);
        assertThat(a.fileName()).isEqualTo(b.fileName());
    }

    @Test
    void twoUsersTwoServersOrTwoPathsOnOneHostNeverShareAFile() {
        WorkspaceId dana = new WorkspaceId("https://crm.example.com/api", "dana@example.com");

        assertThat(dana.fileName())
                .isNotEqualTo(new WorkspaceId("https://crm.example.com/api", "sam@example.com").fileName())
                .isNotEqualTo(new WorkspaceId("https://crm.example.com/api-staging", "dana@example.com").fileName())
                .isNotEqualTo(new WorkspaceId("https://crm.example.com:8443/api", "dana@example.com").fileName())
                .isNotEqualTo(new WorkspaceId("http://crm.example.com/api", "dana@example.com").fileName());
    }

    @Test
    void thePortIsPartOfTheReadableName() {
        assertThat(new WorkspaceId("http://127.0.0.1:4000/api", "demo@flow-crm.local").fileName())
                .startsWith("127.0.0.1-4000_demo@flow-crm.local_");
    }

    @Test
    void charactersThatAreUnsafeInFileNamesAreReplacedAndLongPartsCut() {
        String email = "a/b\\c:d*e?f\"g<h>i|j" + "x".repeat(200) + "@example.com";
        String name = new WorkspaceId("http://[::1]:4000/api", email).fileName();

        assertThat(name).matches("[a-z0-9.@+_-]+\\.db").doesNotContain("/", "\\", ":", "*", "?", "\"", "<", ">", "|");
        assertThat(name.length()).isLessThan(140);
    }

    @Test
    void aMissingOrMalformedIdentityIsRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> new WorkspaceId(" ", "dana@example.com")).hasMessageContaining("API URL");
        assertThatThrownBy(() -> new WorkspaceId("crm.example.com", "dana@example.com")).hasMessageContaining("server URL");
        assertThatThrownBy(() -> new WorkspaceId("https://crm.example.com/api", null)).hasMessageContaining("email");
    }
}
