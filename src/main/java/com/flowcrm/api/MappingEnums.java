package com.flowcrm.api;

import com.flowcrm.model.WireEnum;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Wire-name lookup for the model's enums, precomputed per enum so that the common spellings cost one hash probe. */
final class MappingEnums {
    private static final ClassValue<Map<String, Enum<?>>> SPELLINGS = new ClassValue<>() {
        @Override
        protected Map<String, Enum<?>> computeValue(Class<?> type) {
            Map<String, Enum<?>> map = new HashMap<>();
            for (Object constant : type.getEnumConstants()) {
                Enum<?> e = (Enum<?>) constant;
                String wire = ((WireEnum) constant).wireName();
                for (String s : new String[] {wire, wire.replace('-', '_'), wire.replace('_', '-'), e.name(),
                        e.name().toLowerCase(Locale.ROOT), e.name().replace('_', '-').toLowerCase(Locale.ROOT)}) {
                    map.putIfAbsent(s, e);
                    map.putIfAbsent(s.toUpperCase(Locale.ROOT), e);
                }
            }
            return Map.copyOf(map);
        }
    };

    private MappingEnums() {
    }

    /** The constant a wire value names, forgiving case, blanks and '_' for '-'; null when it names none. */
    static <E extends Enum<E> & WireEnum> E lookup(Class<E> type, String value) {
        Enum<?> hit = SPELLINGS.get(type).get(value);
        if (hit != null) {
            return type.cast(hit);
        }
        return WireEnum.parse(type, value).orElse(null);
    }
}
