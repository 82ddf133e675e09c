package io.sidedesk.web;

/**
 * Text a caller gives, matched literally in a SQL {@code LIKE} (with {@code '\\'} as its escape character): its
 * {@code %}, {@code _} and {@code \} stand for themselves, never for patterns.
 */
public final class LikePatterns {

    private LikePatterns() {}

    public static String literal(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Text that holds this text anywhere. */
    public static String containing(String text) {
        return "%" + literal(text) + "%";
    }

    /** Text that starts with this text. */
    public static String startingWith(String text) {
        return literal(text) + "%";
    }
}
