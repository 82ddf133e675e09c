-- A replayed response carries the original's ETag and Location headers.
alter table idempotency_keys
    add column etag     text,
    add column location text;
