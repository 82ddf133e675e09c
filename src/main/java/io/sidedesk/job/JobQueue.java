package io.sidedesk.job;

import java.sql.Array;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The runners' side of the jobs, every statement on the service's clock. A claim takes the longest-due job of a type
 * this instance runs and leases it to a new owner; every later write of the runner names that owner, so a runner whose
 * lease ran out and was taken over writes nothing more. Progress is the number of results, bumped in the statement
 * that writes each one, and the lease is renewed with it.
 */
@Component
class JobQueue {

    // A queued job is due from its creation, a working one when its lease runs out (its runner died or stalled).
    private static final String CLAIM = """
            with due as (
                select id from job_statuses
                where status in ('queued', 'working') and lease_until <= ? and job_type = any(?)
                order by lease_until, id
                limit 1
                for update skip locked
            )
            update job_statuses j set status = 'working', lease_until = ?, lease_owner = ?, updated_at = ?
            from due where j.id = due.id
            returning j.id, j.job_type, j.creator_id, j.payload, j.items""";

    private static final String DONE = "select item_index from job_results where job_id = ?";

    // Taken in the item's transaction before its work: the job row first, then whatever the work locks. A claim skips
    // the job while an item of it is under way.
    private static final String HOLD = """
            select 1 from job_statuses where id = ? and lease_owner = ? and status = 'working' for no key update""";

    private static final String SUCCEEDED = """
            with result as (
                insert into job_results (job_id, item_index, item_id, success) values (?, ?, ?, true)
            )
            update job_statuses set progress = progress + 1, lease_until = ?, updated_at = ?
            where id = ? and lease_owner = ?""";

    // An item's result exists at most once (the primary key): a failure raced by another runner's result is dropped.
    private static final String FAILED = """
            with result as (
                insert into job_results (job_id, item_index, item_id, success, error, errors)
                select ?, ?, ?, false, ?, ?
                where exists (select 1 from job_statuses where id = ? and lease_owner = ?)
                on conflict do nothing
                returning 1
            )
            update job_statuses set progress = progress + (select count(*) from result), lease_until = ?,
                updated_at = ?
            where id = ? and lease_owner = ?""";

    // Every item without a result gets this failure, and the job is failed, in one statement.
    private static final String FAIL_REMAINING = """
            with remaining as (
                insert into job_results (job_id, item_index, item_id, success, error, errors)
                select j.id, (i.n - 1)::integer, i.item, false, ?, ?
                from job_statuses j cross join unnest(j.items) with ordinality as i(item, n)
                where j.id = ? and j.lease_owner = ?
                on conflict do nothing
                returning 1
            )
            update job_statuses set status = 'failed', progress = progress + (select count(*) from remaining),
                message = ?, finished_at = ?, updated_at = ?, lease_until = null, lease_owner = null
            where id = ? and lease_owner = ?""";

    private static final String COMPLETE = """
            update job_statuses set status = 'completed', message = ?, finished_at = ?, updated_at = ?,
                lease_until = null, lease_owner = null
            where id = ? and lease_owner = ? and progress = total""";

    private static final String DELETE_FINISHED = "delete from job_statuses where finished_at < ?";

    private final JdbcTemplate jdbc;
    private final JobProperties properties;
    private final Clock clock;

    JobQueue(JdbcTemplate jdbc, JobProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** A job leased to a runner: {@code owner} names the lease. */
    record Claimed(String id, String type, long creatorId, String payload, long[] items, UUID owner) {}

    /** The longest-due job of one of {@code types}, leased to a new owner; null when none is due. */
    Claimed claim(Collection<String> types) {
        if (types.isEmpty()) {
            return null;
        }
        Instant now = now();
        UUID owner = UUID.randomUUID();
        List<Claimed> claimed = jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement(CLAIM);
                    statement.setObject(1, at(now));
                    statement.setArray(2, connection.createArrayOf("text", types.toArray()));
                    statement.setObject(3, at(leaseEnd(now)));
                    statement.setObject(4, owner);
                    statement.setObject(5, at(now));
                    return statement;
                },
                (row, number) -> {
                    Array items = row.getArray(5);
                    Long[] boxed = (Long[]) items.getArray();
                    long[] ids = new long[boxed.length];
                    for (int i = 0; i < boxed.length; i++) {
                        ids[i] = boxed[i];
                    }
                    return new Claimed(
                            row.getString(1), row.getString(2), row.getLong(3), row.getString(4), ids, owner);
                });
        return claimed.isEmpty() ? null : claimed.get(0);
    }

    /** The positions of the job's items that have a result (a resumed job skips them). */
    Set<Integer> done(String jobId) {
        return new HashSet<>(jdbc.queryForList(DONE, Integer.class, jobId));
    }

    /** In the item's transaction: locks the job row, and whether the lease is still the runner's. */
    boolean hold(Claimed job) {
        return !jdbc.queryForList(HOLD, Integer.class, job.id(), job.owner()).isEmpty();
    }

    /** In the item's transaction, after its work: its success, progress and the lease renewed. */
    boolean succeeded(Claimed job, int index) {
        Instant now = now();
        return jdbc.update(
                        SUCCEEDED,
                        job.id(),
                        index,
                        job.items()[index],
                        at(leaseEnd(now)),
                        at(now),
                        job.id(),
                        job.owner())
                == 1;
    }

    /** In a transaction of its own, after the item's rolled back: its failure; false when the lease was lost. */
    boolean failed(Claimed job, int index, String error, String errors) {
        Instant now = now();
        return jdbc.update(
                        FAILED,
                        job.id(),
                        index,
                        job.items()[index],
                        error,
                        errors,
                        job.id(),
                        job.owner(),
                        at(leaseEnd(now)),
                        at(now),
                        job.id(),
                        job.owner())
                == 1;
    }

    /** The job could not go on: every item without a result gets this failure, and the job is {@code failed}. */
    void failRemaining(Claimed job, String error, String errors) {
        Instant now = now();
        jdbc.update(
                FAIL_REMAINING,
                error,
                errors,
                job.id(),
                job.owner(),
                "Failed at " + now + ": " + errors,
                at(now),
                at(now),
                job.id(),
                job.owner());
    }

    /** Every item has a result: {@code completed}. */
    void complete(Claimed job) {
        Instant now = now();
        jdbc.update(COMPLETE, "Completed at " + now, at(now), at(now), job.id(), job.owner());
    }

    /** Deletes the jobs that finished longer ago than the retention: how many. */
    int deleteFinished() {
        return jdbc.update(DELETE_FINISHED, at(now().minus(properties.retention())));
    }

    private Instant leaseEnd(Instant now) {
        return now.plus(properties.lease());
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
