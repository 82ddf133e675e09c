package io.sidedesk.web;

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
}
