package io.sidedesk.job;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.sidedesk.access.Actor;
import io.sidedesk.web.InvalidParameter;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RecordNotFound;
import io.sidedesk.web.Ulids;

/**
 * Jobs: queued by other features in their request's transaction, run after it commits ({@link JobRunner}), and shown
 * as job statuses to their creator and to admins; anyone else is told they do not exist. End-users see none.
 */
@Service
public class Jobs {

    static final int MAX_SHOW_MANY = 100;

    static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");

    private static final String INSERT = """
            insert into job_statuses (id, job_type, creator_id, payload, items, status, total, progress, lease_until,
                created_at, updated_at)
            values (?, ?, ?, ?, ?, 'queued', ?, 0, ?, ?, ?)""";

    private static final String COLUMNS = "select id, job_type, status, total, progress, message from job_statuses ";

    // The caller's own jobs, or every job for an admin: the visibility is the query's.
    private static final String VISIBLE = "(? or creator_id = ?)";

    private static final String RESULTS = """
            select job_id, item_index, item_id, success, error, errors from job_results
            where job_id = any(?) order by job_id, item_index""";

    private final JdbcTemplate jdbc;
    private final JobRunner runner;
    private final Clock clock;

    Jobs(JdbcTemplate jdbc, JobRunner runner, Clock clock) {
        this.jdbc = jdbc;
        this.runner = runner;
        this.clock = clock;
    }

    /**
     * Queues a job in the caller's transaction: status queued, total = items.size(), the items in order, the creator's
     * user id, the payload (JSON text, opaque to this package). After the caller commits, this instance's runner is
     * woken (any instance's runner takes it otherwise, on its poll). A type no {@link JobWork} of this instance runs
     * waits for an instance that does. Returns the job status as the API shows it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public JobStatusView enqueue(Actor creator, String type, String payload, List<Long> items) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String id = ulid(now);
        jdbc.update(connection -> {
            var statement = connection.prepareStatement(INSERT);
            statement.setString(1, id);
            statement.setString(2, type);
            statement.setLong(3, creator.userId());
            statement.setString(4, payload);
            statement.setArray(5, connection.createArrayOf("bigint", items.toArray()));
            statement.setInt(6, items.size());
            statement.setObject(7, JobQueue.at(now));
            statement.setObject(8, JobQueue.at(now));
            statement.setObject(9, JobQueue.at(now));
            return statement;
        });
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                runner.wake();
            }
        });
        return new JobStatusView(id, JobStatusView.url(id), type, "queued", items.size(), 0, null, List.of());
    }

    /**
     * Runs every job due now on the caller's thread (after deleting the finished jobs past their retention): how many
     * jobs were run. For tests, which resume jobs at the moment they choose, with the service's clock moved on.
     */
    public int runDue() {
        return runner.runDue();
    }

    /** The job status, to its creator or an admin; to anyone else it does not exist. */
    @Transactional(readOnly = true)
    JobStatusView show(Actor actor, String id) {
        actor.requireStaff();
        if (id == null || !ULID.matcher(id).matches()) {
            throw new RecordNotFound("JobStatus", id);
        }
        List<JobStatusView> found = views(
                jdbc.query(COLUMNS + "where id = ? and " + VISIBLE, Jobs::row, id, actor.isAdmin(), actor.userId()));
        if (found.isEmpty()) {
            throw new RecordNotFound("JobStatus", id);
        }
        return found.get(0);
    }

    /** The caller's jobs (an admin's: all), newest first, by cursor. */
    @Transactional(readOnly = true)
    ListPage<JobStatusView> list(Actor actor, Paging paging) {
        actor.requireStaff();
        return paging.cursorOnly()
                .fetchByPosition(
                        (position, downward, limit) -> {
                            String from = position == null ? "" : downward ? "and id < ? " : "and id > ? ";
                            String sql = COLUMNS + "where " + VISIBLE + " " + from + "order by id "
                                    + (downward ? "desc" : "asc") + " limit ?";
                            List<Object> arguments = new ArrayList<>(List.of(actor.isAdmin(), actor.userId()));
                            if (position != null) {
                                arguments.add(position);
                            }
                            arguments.add(limit);
                            return jdbc.query(sql, Jobs::row, arguments.toArray());
                        },
                        Row::id,
                        true)
                .mapAll(this::views);
    }

    /** Up to 100 job statuses by id ({@code ids=a,b}); those the caller may not see are left out. */
    @Transactional(readOnly = true)
    List<JobStatusView> showMany(Actor actor, String ids) {
        actor.requireStaff();
        Set<String> wanted = ids(ids);
        return views(jdbc.query(
                connection -> {
                    var statement =
                            connection.prepareStatement(COLUMNS + "where id = any(?) and " + VISIBLE + " order by id");
                    statement.setArray(1, connection.createArrayOf("text", wanted.toArray()));
                    statement.setBoolean(2, actor.isAdmin());
                    statement.setLong(3, actor.userId());
                    return statement;
                },
                Jobs::row));
    }

    private static Set<String> ids(String ids) {
        if (ids == null || ids.isBlank()) {
            throw new InvalidParameter("ids", "is required: a comma-separated list of job status ids");
        }
        Set<String> parsed = new LinkedHashSet<>();
        for (String part : ids.split(",", -1)) {
            if (!ULID.matcher(part.strip()).matches()) {
                throw new InvalidParameter("ids", "must be comma-separated job status ids");
            }
            parsed.add(part.strip());
        }
        if (parsed.size() > MAX_SHOW_MANY) {
            throw new InvalidParameter("ids", "can name at most " + MAX_SHOW_MANY + " job statuses");
        }
        return parsed;
    }

    /** A job status row, before its results are read. */
    private record Row(String id, String type, String status, int total, int progress, String message) {}

    private static Row row(ResultSet row, int number) throws SQLException {
        return new Row(
                row.getString("id"),
                row.getString("job_type"),
                row.getString("status"),
                row.getInt("total"),
                row.getInt("progress"),
                row.getString("message"));
    }

    /** The jobs with their results, read in one statement for all of them, in item order. */
    private List<JobStatusView> views(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<JobStatusView.Result>> results = new LinkedHashMap<>();
        rows.forEach(row -> results.put(row.id(), new ArrayList<>()));
        jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement(RESULTS);
                    Array array =
                            connection.createArrayOf("text", results.keySet().toArray());
                    statement.setArray(1, array);
                    return statement;
                },
                (org.springframework.jdbc.core.RowCallbackHandler) row -> {
                    results.get(row.getString(1))
                            .add(JobStatusView.Result.of(
                                    row.getLong(3),
                                    row.getInt(2),
                                    row.getBoolean(4),
                                    row.getString(5),
                                    row.getString(6)));
                });
        return rows.stream()
                .map(row -> new JobStatusView(
                        row.id(),
                        JobStatusView.url(row.id()),
                        row.type(),
                        row.status(),
                        row.total(),
                        row.progress(),
                        row.message(),
                        results.get(row.id())))
                .toList();
    }

    /** A new ULID: the time in milliseconds, then 80 random bits, in Crockford's base32. */
    static String ulid(Instant now) {
        return Ulids.next(now);
    }
}
