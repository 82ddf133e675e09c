-- Background jobs (issue 25, B1: the bulk update of child tickets), shown as Zendesk's job statuses. A job is written in
-- the transaction of the request that queues it and run after commit by a runner on any instance, which claims it with
-- FOR UPDATE SKIP LOCKED and a lease. Each item's result is written in the transaction that did the item's work, so an
-- item is done once even when an instance dies mid-job (the job is resumed after its lease, items with a result
-- skipped). Finished jobs are kept 7 days.
create table job_statuses (
    -- A ULID: 26 characters, ordered by creation time.
    id          text        primary key check (id ~ '^[0-9A-HJKMNP-TV-Z]{26}$'),
    job_type    text        not null,
    creator_id  bigint      not null references users (id),
    -- The feature's own (JSON text), opaque to the runner.
    payload     text        not null,
    -- The items (ticket ids), in the job's order; a result's item_index is a position in it (from 0).
    items       bigint[]    not null,
    status      text        not null check (status in ('queued', 'working', 'completed', 'failed')),
    total       integer     not null check (total = cardinality(items)),
    -- How many items have a result.
    progress    integer     not null default 0 check (progress between 0 and total),
    message     text,
    -- When the job is due: a queued job at once (its creation), a working one when its runner's lease runs out.
    lease_until timestamptz,
    -- The runner holding the lease (each claim takes a new one): a runner whose lease was taken over writes nothing.
    lease_owner uuid,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    finished_at timestamptz,
    constraint job_statuses_due check ((status in ('queued', 'working')) = (lease_until is not null)),
    constraint job_statuses_finished check ((status in ('completed', 'failed')) = (finished_at is not null))
);
-- The runners' claim: due jobs, the longest due first; rows leave the index when they finish.
create index job_statuses_due_idx on job_statuses (lease_until, id) where status in ('queued', 'working');
-- The creator's list, newest first (read backwards).
create index job_statuses_creator_idx on job_statuses (creator_id, id);
-- Retention: finished jobs older than 7 days.
create index job_statuses_finished_idx on job_statuses (finished_at) where finished_at is not null;

create table job_results (
    job_id      text    not null references job_statuses (id) on delete cascade,
    item_index  integer not null check (item_index >= 0),
    item_id     bigint  not null,
    success     boolean not null,
    -- A failed item's error code and description, as the same request over HTTP would have answered.
    error       text,
    errors      text,
    primary key (job_id, item_index),
    constraint job_results_failure check (success = (error is null))
);
