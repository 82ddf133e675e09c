package io.sidedesk.web;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Ids and numbers in paths and queries are ASCII decimal (surrounding blanks aside): one id has one spelling
 * that every reader of a request agrees on, the handler that serves it and the limits that count it.
 */
public final class DecimalIds {

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,18}");

    private DecimalIds() {}

    /** The number written, null for blank text; an {@link IllegalArgumentException} for anything else. */
    public static Long parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        if (!DECIMAL.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("must be a decimal number");
        }
        return Long.valueOf(trimmed);
    }

    /**
     * A query's comma-separated ids ({@code ids=1,2,3}), each once, in their order: a 400 naming {@code parameter}
     * when it is missing, holds anything but ids, or names more than {@code max}.
     */
    public static Set<Long> list(String ids, String parameter, String noun, int max) {
        if (ids == null || ids.isBlank()) {
            throw new InvalidParameter(parameter, "is required: a comma-separated list of " + noun + " ids");
        }
        Set<Long> parsed = new LinkedHashSet<>();
        for (String part : ids.split(",")) {
            // Long.parseLong alone would also read "+3" and other scripts' digits ("٣") as 3.
            if (!DECIMAL.matcher(part.strip()).matches()) {
                throw new InvalidParameter(parameter, "must be comma-separated " + noun + " ids");
            }
            parsed.add(Long.parseLong(part.strip()));
        }
        if (parsed.size() > max) {
            throw new InvalidParameter(parameter, "can name at most " + max + " " + noun + "s");
        }
        return parsed;
    }
}
