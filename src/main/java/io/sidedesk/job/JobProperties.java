package io.sidedesk.job;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How jobs are run ({@code sidedesk.jobs.*}). Checked at start-up.
 *
 * @param pollInterval how often each instance looks for due jobs (those of dead instances, and finished ones to delete)
 *                     besides being woken by the commits that queue them
 * @param lease        how long a claimed job is left to its runner, renewed with each item, before another may resume it:
 *                     longer than any one item takes
 * @param workers      jobs run at once on each instance, one thread each
 * @param retention    how long a finished job is kept
 */
@ConfigurationProperties("sidedesk.jobs")
record JobProperties(
        @DefaultValue("10s") Duration pollInterval,
        @DefaultValue("1m") Duration lease,
        @DefaultValue("2") int workers,
        @DefaultValue("7d") Duration retention) {

    JobProperties {
        if (workers < 1 || lease.isNegative() || lease.isZero() || retention.isNegative()) {
            throw new IllegalArgumentException("sidedesk.jobs.workers must be at least 1, sidedesk.jobs.lease positive "
                    + "and sidedesk.jobs.retention not negative");
        }
    }
}
