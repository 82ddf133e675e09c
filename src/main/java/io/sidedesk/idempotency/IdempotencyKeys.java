package io.sidedesk.idempotency;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Stored idempotency keys: claimed before a keyed write, completed with its response, forgotten after 24 h. */
@Repository
class IdempotencyKeys {

    static final Duration KEPT = Duration.ofHours(24);

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A response as stored for its key: what a replay answers, with the ETag and Location it carried. */
    record Response(int status, String contentType, byte[] body, String etag, String location) {}

    /** The request hash a key was claimed with, and the response stored for it. */
    record Stored(byte[] requestHash, Response response) {}

    /**
     * Claims the key for this request, or returns what is stored for it. A concurrent claim of the same key
     * waits here until the first request's transaction ends.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Stored claim(long userId, String key, byte[] requestHash) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        boolean claimed = jdbc.sql("""
                insert into idempotency_keys (user_id, key, request_hash, created_at) values (?, ?, ?, ?)
                on conflict (user_id, key) do update
                    set request_hash = excluded.request_hash, status = null, content_type = null, body = null,
                        created_at = excluded.created_at
                    where idempotency_keys.created_at < ?
                returning true""")
                .params(userId, key, requestHash, now, now.minus(KEPT))
                .query(Boolean.class)
                .optional()
                .isPresent();
        if (claimed) {
            return null;
        }
        return jdbc.sql("""
                select request_hash, status, content_type, body, etag, location from idempotency_keys
                where user_id = ? and key = ?""")
                .params(userId, key)
                .query((row, n) -> new Stored(
                        row.getBytes(1),
                        new Response(
                                row.getInt(2), row.getString(3), row.getBytes(4), row.getString(5), row.getString(6))))
                .single();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void complete(long userId, String key, Response response) {
        jdbc.sql("""
                update idempotency_keys set status = ?, content_type = ?, body = ?, etag = ?, location = ?
                where user_id = ? and key = ?""")
                .params(
                        response.status(),
                        response.contentType(),
                        response.body(),
                        response.etag(),
                        response.location(),
                        userId,
                        key)
                .update();
    }

    /** Keys older than 24 hours answer nothing any more; their rows go, a batch at a time. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "${sidedesk.idempotency.first-cleanup:PT5M}")
    @Transactional
    public void forgetExpired() {
        jdbc.sql("""
                delete from idempotency_keys where ctid in (
                    select ctid from idempotency_keys where created_at < ? limit 10000)""").param(OffsetDateTime.now(ZoneOffset.UTC).minus(KEPT)).update();
    }
}
