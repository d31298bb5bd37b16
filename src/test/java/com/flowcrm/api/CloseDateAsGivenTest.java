package com.flowcrm.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.model.Deal;
import com.flowcrm.model.change.DealChanges;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A deal's forecast month is the month of its close date as the backend wrote it: the mapper keeps the offset
 * beside the instant, so "2026-12-31T23:00:00-05:00" (already January in UTC) stays a December date.
 */
class CloseDateAsGivenTest {
    private final JsonMapper mapper = JsonMapper.create();

    private static JsonElement json(String text) {
        return JsonParser.parseString(text);
    }

    private Deal deal(String rawDate) {
        return mapper.deal(json("{\"id\":\"d1\",\"expectedCloseDate\":" + rawDate + "}")).value();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"2026-12-31T23:00:00-05:00\"  | 2027-01-01T04:00:00Z | 2026-12-31",
        "\"2026-12-31\"                 | 2026-12-31T00:00:00Z | 2026-12-31",
        "\"2026-12-31T23:59:59Z\"       | 2026-12-31T23:59:59Z | 2026-12-31",
        "\"2027-01-01T00:30:00+01:00\"  | 2026-12-31T23:30:00Z | 2027-01-01",
        "\"2026-12-31T20:00:00-0500\"   | 2027-01-01T01:00:00Z | 2026-12-31",
        "\"2026-12-31T23:00\"           | 2026-12-31T23:00:00Z | 2026-12-31",
        "1798761600000                  | 2027-01-01T00:00:00Z | 2027-01-01",
        "\"2026-12-31T23:00:00-05:00[America/New_York]\" | 2027-01-01T04:00:00Z | 2026-12-31",
    })
    void keepsTheCalendarDateAsWrittenBesideTheInstant(String raw, String instant, String day) {
        Deal d = deal(raw);
        assertThat(d.getExpectedCloseDate()).isEqualTo(Instant.parse(instant));
        assertThat(d.getExpectedCloseDay()).isEqualTo(LocalDate.parse(day));
    }

    @Test
    void anInstantSetByTheAppIsReadInUtc() {
        Deal d = deal("\"2026-12-31T23:00:00-05:00\"");
        d.setExpectedCloseDate(Instant.parse("2027-02-28T00:00:00Z"));
        assertThat(d.getExpectedCloseDay()).isEqualTo(LocalDate.parse("2027-02-28"));
        assertThat(d.getExpectedCloseAsGiven().getOffset()).isEqualTo(ZoneOffset.UTC);
        d.setExpectedCloseDate(null);
        assertThat(d.getExpectedCloseDay()).isNull();
        assertThat(d.getExpectedCloseAsGiven()).isNull();
    }

    @Test
    void aLiveUpdateThatOnlyMovesTheOffsetIsAChange() {
        Deal d = deal("\"2027-01-01T04:00:00Z\"");
        DealChanges changes = mapper.dealChanges(json("{\"expectedCloseDate\":\"2026-12-31T23:00:00-05:00\"}")).value();

        assertThat(changes.applyTo(d)).as("same instant, other calendar date").isTrue();
        assertThat(d.getExpectedCloseDay()).isEqualTo(LocalDate.parse("2026-12-31"));
        assertThat(changes.applyTo(d)).as("applying it again changes nothing").isFalse();
    }

    @Test
    void copyingADealKeepsTheDateAsGiven() {
        Deal d = deal("\"2026-12-31T23:00:00-05:00\"");
        Deal copy = new Deal("d1");
        DealChanges.of(d).applyTo(copy);
        assertThat(copy.getExpectedCloseAsGiven()).isEqualTo(d.getExpectedCloseAsGiven());
    }

    @Test
    void writtenBackAsGivenSoThatReadingItAgainGivesTheSameDate() {
        Deal d = deal("\"2026-12-31T23:00:00-05:00\"");
        JsonObject out = mapper.toJson(d);
        assertThat(out.get("expectedCloseDate").getAsString()).isEqualTo("2026-12-31T23:00:00-05:00");
        Deal again = mapper.deal(out).value();
        assertThat(again.getExpectedCloseDay()).isEqualTo(LocalDate.parse("2026-12-31"));
        assertThat(again.getExpectedCloseDate()).isEqualTo(d.getExpectedCloseDate());

        Deal utc = deal("\"2026-03-01\"");
        assertThat(mapper.toJson(utc).get("expectedCloseDate").getAsString()).as("UTC dates as before")
                .isEqualTo("2026-03-01T00:00:00Z");
        assertThat(mapper.toJson(mapper.dealChanges(json("{\"expectedCloseDate\":\"2026-12-31T23:00:00-05:00\"}"))
                .value()).get("expectedCloseDate").getAsString()).isEqualTo("2026-12-31T23:00:00-05:00");
    }
}
