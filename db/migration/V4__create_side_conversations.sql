-- Side conversations, their append-only events, and the link to a child ticket.

create table side_conversations (
    id                uuid primary key,
    -- Insertion order, for keyset pagination (ids are random UUIDs).
    seq               bigint generated always as identity unique,
    ticket_id         bigint      not null references tickets (id),
    subject           text        not null,
    preview_text      text        not null,
    state             text        not null check (state in ('open', 'closed')),
    participants      jsonb       not null default '[]',
    external_ids      jsonb       not null default '{}',
    -- The link (R5, R13): the child ticket and the external id written on it at creation. The link
    -- holds while the child's current external_id equals child_external_id.
    child_ticket_id   bigint references tickets (id),
    child_external_id text,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    message_added_at  timestamptz not null,
    state_updated_at  timestamptz not null,
    constraint side_conversations_link_complete check ((child_ticket_id is null) = (child_external_id is null))
);
create index side_conversations_ticket_idx on side_conversations (ticket_id, seq);
create unique index side_conversations_child_idx on side_conversations (child_ticket_id) where child_ticket_id is not null;

create table side_conversation_events (
    id                   uuid primary key,
    seq                  bigint generated always as identity unique,
    side_conversation_id uuid        not null references side_conversations (id),
    ticket_id            bigint      not null references tickets (id),
    type                 text        not null check (type in ('create', 'reply', 'update')),
    actor                jsonb       not null,
    via                  text        not null,
    message              jsonb,
    updates              jsonb,
    -- R9: an event made from a child ticket comment names it, and is never mirrored back.
    origin_comment_id    bigint references ticket_comments (id),
    correlation_id       uuid        not null,
    created_at           timestamptz not null
);
create index side_conversation_events_conversation_idx on side_conversation_events (side_conversation_id, seq);
create index side_conversation_events_export_idx on side_conversation_events (created_at, seq);

-- R9: a comment made from a side conversation event names it, and is never mirrored back.
alter table ticket_comments add column origin_event_id uuid references side_conversation_events (id);
