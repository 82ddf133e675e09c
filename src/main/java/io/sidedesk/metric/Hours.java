package io.sidedesk.metric;

import java.time.Duration;
import java.time.Instant;

/**
 * The hours a metric counts in: every hour (calendar), or only those of the account's business schedule. The
 * business schedule's {@code between} and {@code plus} have exactly this shape.
 */
interface Hours {

    Hours CALENDAR = new Hours() {
        @Override
        public Duration between(Instant from, Instant to) {
            return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
        }

        @Override
        public Instant plus(Instant from, Duration amount) {
            return from.plus(amount);
        }
    };

    /** The time counted between two instants (zero when {@code to} is not after {@code from}). */
    Duration between(Instant from, Instant to);

    /** When {@code amount} of counted time, starting at {@code from}, runs out; null when it never does. */
    Instant plus(Instant from, Duration amount);
}
