-- Idempotency-Key: the first successful response to a keyed write, per user and key, kept 24 hours. The
-- row is inserted before the write, in its transaction, so a concurrent duplicate waits on it and then
-- replays the stored response instead of writing again.
create table idempotency_keys (
    user_id      bigint      not null references users (id),
    key          text        not null,
    -- SHA-256 of the method, path and body: the same key with another request is refused.
    request_hash bytea       not null,
    status       int,
    content_type text,
    body         bytea,
    created_at   timestamptz not null,
    primary key (user_id, key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);
