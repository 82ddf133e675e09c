package io.sidedesk.web;

import java.util.HashMap;
import java.util.Map;

/**
 * Each {@link WireValue} enum's constants by spelling, the first one of each, made once per enum: every row read maps
 * its enum columns through {@link WireValue#find}, which copied the constants and streamed them at every call (issue
 * 26).
 */
final class WireValueSpellings {

    static final ClassValue<Map<String, Object>> OF = new ClassValue<>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
            Map<String, Object> spellings = new HashMap<>();
            for (Object constant : type.getEnumConstants()) {
                spellings.putIfAbsent(((WireValue) constant).value(), constant);
            }
            return spellings; // only read from here on
        }
    };

    private WireValueSpellings() {}
}
