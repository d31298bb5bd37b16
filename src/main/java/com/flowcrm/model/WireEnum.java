package com.flowcrm.model;

import java.util.Locale;
import java.util.Optional;

/** An enum whose constants have a name on the wire (the JSON value the backend sends). */
public interface WireEnum {
    String wireName();

    /**
     * Finds the constant for a wire value, forgiving case, surrounding blanks and '_' written for '-'
     * (real backends send {@code closed_won} for {@code closed-won}, and {@code deal-update} for {@code deal_update}).
     */
    static <E extends Enum<E> & WireEnum> Optional<E> parse(Class<E> type, String value) {
        if (value == null) {
            return Optional.empty();
        }
        String normalized = value.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        for (E constant : type.getEnumConstants()) {
            if (constant.wireName().replace('_', '-').equals(normalized)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
