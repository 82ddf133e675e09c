package io.sidedesk.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the database holds after a scenario, read straight from its tables: for each side conversation the
 * scenario wrote to, its replies in order and its child ticket's comments in order. A write is found when its
 * body is on both sides exactly once; a link is whole when both sides hold the same messages in the same order.
 */
final class Records {

    /**
     * The outcome of one scenario's writes.
     *
     * @param succeeded  writes answered 2xx
     * @param found      of those, present exactly once on both sides
     * @param lost       of those, missing on either side
     * @param unanswered writes that got no 2xx (refused, cut, or 5xx) but are present on both sides
     * @param halves     messages present on one side only (a write without its mirror)
     * @param duplicates messages present more than once on a side
     * @param disordered links whose two sides hold the same messages in different orders
     */
    record Check(int succeeded, int found, int lost, int unanswered, int halves, int duplicates, int disordered) {}

    private final String jdbcUrl;

    Records(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    Check check(List<Traffic.Sent> sent) throws SQLException {
        Map<Fixture.Link, List<Traffic.Sent>> byLink = sent.stream().collect(Collectors.groupingBy(Traffic.Sent::link));
        int succeeded = 0;
        int found = 0;
        int unanswered = 0;
        int halves = 0;
        int duplicates = 0;
        int disordered = 0;
        try (Connection connection = connect()) {
            for (Map.Entry<Fixture.Link, List<Traffic.Sent>> entry : byLink.entrySet()) {
                Fixture.Link link = entry.getKey();
                List<String> replies = strings(
                        connection,
                        "select message ->> 'body' from side_conversation_events "
                                + "where side_conversation_id = ? and type = 'reply' order by seq",
                        statement -> statement.setObject(1, UUID.fromString(link.sideConversation())));
                List<String> comments = strings(
                        connection,
                        "select body from ticket_comments where ticket_id = ? " + "order by id offset 1",
                        statement -> statement.setLong(1, link.child()));
                Set<String> replySet = new LinkedHashSet<>(replies);
                Set<String> commentSet = new LinkedHashSet<>(comments);
                duplicates += replies.size() - replySet.size() + comments.size() - commentSet.size();
                Set<String> onlyOne = new HashSet<>(replySet);
                onlyOne.addAll(commentSet);
                Set<String> both = new HashSet<>(replySet);
                both.retainAll(commentSet);
                halves += onlyOne.size() - both.size();
                if (replySet.equals(commentSet) && !List.copyOf(replySet).equals(List.copyOf(commentSet))) {
                    disordered++;
                }
                Predicate<String> whole = body -> both.contains(body)
                        && replies.indexOf(body) == replies.lastIndexOf(body)
                        && comments.indexOf(body) == comments.lastIndexOf(body);
                for (Traffic.Sent request : entry.getValue()) {
                    if (request.succeeded()) {
                        succeeded++;
                        found += whole.test(request.body()) ? 1 : 0;
                    } else if (both.contains(request.body())) {
                        unanswered++;
                    }
                }
            }
        }
        return new Check(succeeded, found, succeeded - found, unanswered, halves, duplicates, disordered);
    }

    /** Runs one statement (for the scenario's own set-up, such as emptying the rate-limit buckets). */
    void execute(String sql) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }

    long count(String sql) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "");
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private static List<String> strings(Connection connection, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
