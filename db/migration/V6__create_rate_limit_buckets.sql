-- Rate limit token buckets (Bucket4j's PostgreSQL table), shared by every instance. A bucket that has
-- refilled to full expires (expires_at, epoch milliseconds) and is removed in batches.
create table rate_limit_buckets (
    id         text primary key,
    state      bytea,
    expires_at bigint
);
create index rate_limit_buckets_expires_idx on rate_limit_buckets (expires_at);
