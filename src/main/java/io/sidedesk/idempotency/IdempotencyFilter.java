package io.sidedesk.idempotency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import io.sidedesk.access.Actor;
import io.sidedesk.web.DatabaseRefusal;
import io.sidedesk.web.FilterOrder;
import io.sidedesk.web.ProblemWriter;
import io.sidedesk.web.Problems;
import io.sidedesk.web.SecretResponse;

/**
 * {@code Idempotency-Key} on POST and PUT, in Zendesk's dialect: the first successful response to a key is
 * stored with the write, in the write's transaction ({@code x-idempotency-lookup: miss}), and the same key with
 * the same request within 24 hours gets that response again, with its ETag and Location, without writing
 * anything ({@code x-idempotency-lookup: hit}, {@code Idempotent-Replayed: true}). The same key with another
 * request is Zendesk's 400 {@code IdempotentRequestError}. A response that carries a secret (an API token's
 * value) is never stored: its repeat is a 409 saying what the key created. Keys are per user and live in
 * PostgreSQL, so they hold across instances; a concurrent duplicate waits for the first to finish, then
 * replays it. A refused or failed write stores nothing, so it may be retried with the same key.
 */
@Component
@Order(FilterOrder.IDEMPOTENCY)
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final String LOOKUP = "x-idempotency-lookup";
    static final String MISMATCH = "Request parameters don't match the given idempotency key";

    /** Headers that describe the request, not the write, and stay when a keyed write fails to commit. */
    private static final List<String> KEPT_ON_FAILURE =
            List.of("X-Request-Id", "X-Rate-Limit", "X-Rate-Limit-Remaining");

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final Pattern SANE_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final IdempotencyKeys keys;
    private final TransactionTemplate transactions;
    private final ProblemWriter problems;

    IdempotencyFilter(IdempotencyKeys keys, TransactionTemplate transactions, ProblemWriter problems) {
        this.keys = keys;
        this.transactions = transactions;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return request.getHeader(HEADER) == null || !("POST".equals(method) || "PUT".equals(method));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Actor actor = Actor.current().orElse(null);
        if (actor == null) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(HEADER);
        if (!SANE_KEY.matcher(key).matches()) {
            problems.write(
                    request,
                    response,
                    Problems.of(
                            HttpStatus.BAD_REQUEST,
                            "InvalidParameter",
                            HEADER + " must be 1 to 255 printable ASCII characters"));
            return;
        }
        byte[] hash = hash(request);
        ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
        IdempotencyKeys.Stored replay;
        try {
            replay = transactions.execute(status -> {
                IdempotencyKeys.Stored stored = keys.claim(actor.userId(), key, hash);
                if (stored != null) {
                    return stored;
                }
                buffered.setHeader(LOOKUP, "miss");
                try {
                    chain.doFilter(request, buffered);
                } catch (IOException | ServletException e) {
                    throw new IllegalStateException(e);
                }
                if (buffered.getStatus() / 100 == 2) {
                    keys.complete(actor.userId(), key, toStore(request, buffered));
                } else {
                    status.setRollbackOnly();
                }
                return null;
            });
        } catch (DataAccessException | TransactionException e) {
            // The write could not commit: what the chain wrote (its body, ETag, Location) must not reach the
            // client; what describes the request itself stays. Only a lost race is worth sending again.
            boolean unavailable = Problems.isDatabaseUnavailable(e);
            DatabaseRefusal refusal = DatabaseRefusal.of(e);
            if (unavailable || refusal == DatabaseRefusal.RACE) {
                log.warn(
                        "Keyed write failed to commit on {} {}: {}",
                        request.getMethod(),
                        request.getRequestURI(),
                        e.getMessage());
            } else {
                log.error("Keyed write failed to commit on {} {}", request.getMethod(), request.getRequestURI(), e);
            }
            buffered.resetBuffer();
            Map<String, String> kept = new LinkedHashMap<>();
            for (String header : KEPT_ON_FAILURE) {
                if (response.getHeader(header) != null) {
                    kept.put(header, response.getHeader(header));
                }
            }
            response.reset();
            kept.forEach(response::setHeader);
            response.setHeader(LOOKUP, "miss");
            if (unavailable) {
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Problems.DATABASE_RETRY_AFTER));
                problems.write(request, response, Problems.databaseUnavailable());
            } else {
                problems.write(
                        request,
                        response,
                        refusal.problem(
                                "The request conflicts with a concurrent change; retry it with the same " + HEADER));
            }
            return;
        }
        if (replay == null) {
            buffered.copyBodyToResponse();
            return;
        }
        response.setHeader(LOOKUP, "hit");
        if (!MessageDigest.isEqual(replay.requestHash(), hash)) {
            problems.write(
                    request, response, Problems.idempotentRequestError(HttpStatus.BAD_REQUEST, HEADER, MISMATCH));
            return;
        }
        IdempotencyKeys.Response stored = replay.response();
        response.setStatus(stored.status());
        response.setContentType(stored.contentType());
        response.setHeader(REPLAYED, "true");
        if (stored.etag() != null) {
            response.setHeader(HttpHeaders.ETAG, stored.etag());
        }
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        response.getOutputStream().write(stored.body());
    }

    /**
     * The response to keep for replay. A secret one (an API token's value) is not kept: in its place, the 409 a
     * repeat is answered with, saying what the key created.
     */
    private IdempotencyKeys.Response toStore(HttpServletRequest request, ContentCachingResponseWrapper response) {
        String secret = SecretResponse.onRepeat(request);
        if (secret != null) {
            return new IdempotencyKeys.Response(
                    HttpStatus.CONFLICT.value(),
                    MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    problems.bytes(request, Problems.idempotentRequestError(HttpStatus.CONFLICT, HEADER, secret)),
                    null,
                    null);
        }
        return new IdempotencyKeys.Response(
                response.getStatus(),
                response.getContentType(),
                response.getContentAsByteArray(),
                response.getHeader(HttpHeaders.ETAG),
                response.getHeader(HttpHeaders.LOCATION));
    }

    /** SHA-256 of what makes a request the same request: method, path (without .json) and body. */
    private static byte[] hash(HttpServletRequest request) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String path = request.getRequestURI();
            path = path.endsWith(".json") ? path.substring(0, path.length() - ".json".length()) : path;
            digest.update((request.getMethod() + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(request.getInputStream().readAllBytes());
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
