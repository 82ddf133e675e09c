package io.sidedesk.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as the dialect writes them: ISO-8601 in UTC with exactly three fraction digits
 * ({@code 2026-12-06T19:01:52.123Z}). Every answer and webhook event writes many, so a timestamp in the years 0 to
 * 9999 is written digit by digit. The pattern writes the same text, but works out the fraction with a
 * {@link java.math.BigDecimal}; it still writes the years outside that range, with their sign.
 */
final class Timestamps {

    static final DateTimeFormatter PATTERN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years written with four digits and no sign. */
    private static final long FIRST_SECOND = -62_167_219_200L;

    private static final long END_SECOND = 253_402_300_800L;

    private Timestamps() {}

    static String format(Instant value) {
        long seconds = value.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds >= END_SECOND) {
            return PATTERN.format(value);
        }
        LocalDateTime utc = LocalDateTime.ofEpochSecond(seconds, value.getNano(), ZoneOffset.UTC);
        byte[] text = new byte[24];
        digits(text, 0, utc.getYear(), 4);
        text[4] = '-';
        digits(text, 5, utc.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, utc.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, utc.getHour(), 2);
        text[13] = ':';
        digits(text, 14, utc.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, utc.getSecond(), 2);
        text[19] = '.';
        digits(text, 20, value.getNano() / 1_000_000, 3); // truncated, as the pattern's fraction is
        text[23] = 'Z';
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    private static void digits(byte[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
