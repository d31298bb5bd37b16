package com.flowcrm.ui.deal;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.model.Deal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EditableFieldTest {
    private final Deal deal = new Deal("d1");
    private final EditableField<String> title = new EditableField<>("Title", Deal::getTitle, v -> v);

    EditableFieldTest() {
        deal.setTitle("Renewal");
        title.reset(deal);
    }

    @Test
    void followsTheDealWhileTheRepLeavesTheFieldAlone() {
        deal.setTitle("Renewal 2027");
        title.follow(deal);
        assertThat(title.draftProperty().get()).isEqualTo("Renewal 2027");
        assertThat(title.remoteNoticeProperty().get()).isNull();
    }

    @Test
    void neverOverwritesWhatTheRepIsTypingButSaysTheValueChanged() {
        title.editingProperty().set(true);
        title.draftProperty().set("Renewal (3 years)");
        deal.setTitle("Renewal 2027");
        title.follow(deal);
        assertThat(title.draftProperty().get()).isEqualTo("Renewal (3 years)");
        assertThat(title.remoteNoticeProperty().get()).isEqualTo("Changed by someone else: Renewal 2027");
    }

    @Test
    void aFocusedButUntouchedFieldIsAlsoLeftAlone() {
        title.editingProperty().set(true);
        deal.setTitle("Renewal 2027");
        title.follow(deal);
        assertThat(title.draftProperty().get()).isEqualTo("Renewal");
        assertThat(title.remoteNoticeProperty().get()).contains("Renewal 2027");

        title.editingProperty().set(false);
        title.follow(deal);
        assertThat(title.draftProperty().get()).isEqualTo("Renewal 2027");
        assertThat(title.remoteNoticeProperty().get()).isNull();
    }

    @Test
    void theRepsOwnSavedValueComingBackIsNoConflict() {
        title.editingProperty().set(true);
        title.draftProperty().set("Renewal 2027");
        deal.setTitle("Renewal 2027");
        title.follow(deal);
        assertThat(title.remoteNoticeProperty().get()).isNull();
        assertThat(title.isDirty()).isFalse();
    }

    @Test
    void amountsMustBeNonNegativeNumbers() {
        assertThat(DealDetailsViewModel.parseAmount("125000")).isEqualTo(125_000.0);
        assertThat(DealDetailsViewModel.parseAmount("$125,000.50")).isEqualTo(125_000.5);
        assertThat(DealDetailsViewModel.parseAmount("0")).isEqualTo(0.0);
        assertThat(DealDetailsViewModel.parseAmount("-5")).isNull();
        assertThat(DealDetailsViewModel.parseAmount("12k")).isNull();
        assertThat(DealDetailsViewModel.parseAmount("NaN")).isNull();
        assertThat(DealDetailsViewModel.parseAmount("Infinity")).isNull();
        assertThat(DealDetailsViewModel.parseAmount(" ")).isNull();
    }

    @Test
    void datesMustBeRealCalendarDates() {
        assertThat(DealDetailsViewModel.parseDate("2026-03-15")).isEqualTo(LocalDate.of(2026, 3, 15));
        assertThat(DealDetailsViewModel.parseDate("2026-02-30")).isNull();
        assertThat(DealDetailsViewModel.parseDate("2026-13-01")).isNull();
        assertThat(DealDetailsViewModel.parseDate("next friday")).isNull();
        assertThat(DealDetailsViewModel.parseDate("")).isNull();
    }
}
