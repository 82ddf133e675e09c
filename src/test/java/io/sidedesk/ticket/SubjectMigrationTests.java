package io.sidedesk.ticket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration V10 (R22) clears subjects that older versions took from an internal first comment. Tickets written as
 * the old version wrote them are run through the migration's statement in a transaction that is rolled back, so the
 * shared database is left as it was.
 */
class SubjectMigrationTests extends ApiTestSupport {

    private static final Path MIGRATION = Path.of("db/migration/V10__clear_subjects_taken_from_internal_comments.sql");

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void subjectsTakenFromAnInternalFirstCommentAreReplacedAndNoOthers() throws IOException {
        String secret = unique("note");
        long parent = ticket(Map.of("subject", "Parent subject", "comment", Map.of("body", "public question")));
        long noted = ticket(Map.of(
                "subject",
                secret + " line one",
                "comment",
                Map.of("body", "  " + secret + " line one\r\nline two", "public", false)));
        long child = ticket(Map.of(
                "subject", secret + " child", "comment", Map.of("body", secret + " child\nmore", "public", false)));
        jdbc.update(
                "update tickets set via_channel = 'side_conversation', via_source = cast(? as jsonb) where id = ?",
                "{\"from\": {\"ticket_id\": " + parent + "}, \"to\": {}, \"rel\": \"side_conversation\"}",
                child);
        long publicFirst = ticket(Map.of("subject", "Visible line", "comment", Map.of("body", "Visible line\nrest")));
        long ownSubject = ticket(
                Map.of("subject", "Agent's own subject", "comment", Map.of("body", "internal text", "public", false)));
        String sql = Files.readString(MIGRATION);

        Map<Long, String> after = transactions.execute(status -> {
            status.setRollbackOnly();
            jdbc.execute(sql);
            Map<Long, String> subjects = new java.util.HashMap<>();
            for (long id : List.of(noted, child, publicFirst, ownSubject, parent)) {
                subjects.put(id, jdbc.queryForObject("select subject from tickets where id = ?", String.class, id));
            }
            return subjects;
        });

        assertThat(after.get(noted)).isEmpty();
        assertThat(after.get(child)).isEqualTo("Parent subject");
        assertThat(after.get(publicFirst)).isEqualTo("Visible line");
        assertThat(after.get(ownSubject)).isEqualTo("Agent's own subject");
        assertThat(after.get(parent)).isEqualTo("Parent subject");
        assertThat(ticket(noted).get("subject").asString()).as("rolled back").isEqualTo(secret + " line one");
    }

    private long ticket(Map<String, Object> fields) {
        Api.Response response = admin().post("/api/v2/tickets", Map.of("ticket", fields));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().at("/ticket/id").asLong();
    }
}
