package io.sidedesk.web;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * ULIDs, the ids Zendesk gives webhooks and job statuses: 48 bits of milliseconds, then 80 random bits, in
 * Crockford's base32 (26 characters that sort by time, as {@code Paging}'s cursors need).
 */
public final class Ulids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private Ulids() {}

    /** A new ULID for this instant. */
    public static String next(Instant now) {
        char[] id = new char[26];
        long time = now.toEpochMilli();
        for (int i = 9; i >= 0; i--) {
            id[i] = CROCKFORD[(int) (time & 31)];
            time >>>= 5;
        }
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        for (int i = 10; i < 26; i++) {
            id[i] = CROCKFORD[random[i - 10] & 31];
        }
        return new String(id);
    }
}
