-- Bulk seed for the benchmark, run by bench.py with psql after the service has migrated the schema and
-- created its bootstrap admin. Every row has the shape the service itself writes (compare a ticket, a
-- side conversation and its child created through the API): a ticket comes with its creation audit and
-- first comment (the audit's Comment event names the comment, the comment names the audit, both ids drawn
-- from the sequences as the service draws them), a side conversation with its `create` event, its child
-- ticket (external_id zen:side_conversation:{id}:ticket:{parent}, via side_conversation, creation audit and
-- first comment) and the SideConversation `created` event on the parent's history.
--
-- Sizes come from psql variables (-v groups=... agents=... customers=... pool_parents=... p10_parents=...
-- plain_parents=... heavy_children=...). W4 always gets parents with 1, 10, 100 and 500 side conversations
-- and children with 10 and 4,000 comments. The plan (which parent is used by which workload) is left in the
-- table bench_plan, which bench.py reads and then drops (before any
-- statement is captured or measured).

\set ON_ERROR_STOP on
select set_config('bench.groups', :'groups', false), set_config('bench.agents', :'agents', false),
       set_config('bench.customers', :'customers', false), set_config('bench.pool_parents', :'pool_parents', false),
       set_config('bench.p10_parents', :'p10_parents', false),
       set_config('bench.plain_parents', :'plain_parents', false),
       set_config('bench.heavy_children', :'heavy_children', false) \gset

select setseed(0.42);

-- Teams: all public, so every agent may see every ticket (the default agent role has ticket access "all").
insert into groups (name, description, is_public, created_at, updated_at)
select format('Team %s', lpad(g::text, 4, '0')), 'Seeded team', true, now() - interval '90 days', now() - interval '90 days'
from generate_series(1, current_setting('bench.groups')::int) g;

insert into users (name, email, role, created_at, updated_at)
select format('Agent %s', a), format('agent%s@bench.example', a), 'agent', now() - interval '90 days',
       now() - interval '90 days'
from generate_series(1, current_setting('bench.agents')::int) a;

insert into users (name, email, role, created_at, updated_at)
select format('Customer %s', c), format('customer%s@bench.example', c), 'end-user', now() - interval '60 days',
       now() - interval '60 days'
from generate_series(1, current_setting('bench.customers')::int) c;

create temporary table agent_ids as
select row_number() over (order by id) as n, id, email from users where email like 'agent%@bench.example';
create temporary table customer_ids as
select row_number() over (order by id) as n, id from users where email like 'customer%@bench.example';
create temporary table group_ids as select row_number() over (order by id) as n, id from groups;

-- Each agent: a default group (round robin) and a second group.
insert into group_memberships (user_id, group_id, is_default, created_at, updated_at)
select a.id, g.id, true, now() - interval '90 days', now() - interval '90 days'
from agent_ids a join group_ids g on g.n = (a.n - 1) % (select count(*) from group_ids) + 1;
insert into group_memberships (user_id, group_id, is_default, created_at, updated_at)
select a.id, g.id, false, now() - interval '90 days', now() - interval '90 days'
from agent_ids a join group_ids g on g.n = (a.n * 7 + 3) % (select count(*) from group_ids) + 1
on conflict do nothing;

-- The plan: every parent ticket with its role and number of side conversations.
create table bench_plan (
    n        int primary key,
    role     text not null,
    scs      int  not null,
    ticket   bigint
);
insert into bench_plan (n, role, scs)
select n, 'pool', 1 + floor(random() * 5)::int from generate_series(1, current_setting('bench.pool_parents')::int) n;
insert into bench_plan (n, role, scs)
select (select max(n) from bench_plan) + n, 'p10', 10 from generate_series(1, current_setting('bench.p10_parents')::int) n;
insert into bench_plan (n, role, scs)
select (select max(n) from bench_plan) + row_number() over (), 'w4_parent_' || s, s from unnest(array[1, 10, 100, 500]) s;
-- W4's children: two parents with one side conversation each, whose children get 10 and 4,000 comments.
insert into bench_plan (n, role, scs)
select (select max(n) from bench_plan) + row_number() over (), 'w4_child_' || c, 1 from unnest(array[10, 4000]) c;
-- Children with a long history (up to 4,000 comments), beside W4's.
insert into bench_plan (n, role, scs)
select (select max(n) from bench_plan) + n, 'heavy', 1 from generate_series(1, current_setting('bench.heavy_children')::int) n;
insert into bench_plan (n, role, scs)
select (select max(n) from bench_plan) + n, 'plain', 0 from generate_series(1, current_setting('bench.plain_parents')::int) n;

-- Parent tickets: opened by an agent for a customer, assigned to that agent in their default group.
create temporary table parent_rows as
select p.n, a.id as agent, c.id as customer, m.group_id,
       format('Customer issue %s', p.n) as subject,
       format('Hello, I have a problem with order %s. Could you have a look?', 10000 + p.n) as body,
       now() - interval '30 days' + (p.n % 1000) * interval '1 minute' as at,
       nextval('ticket_audits_id_seq') as audit_id, nextval('ticket_comments_id_seq') as comment_id
from bench_plan p
join agent_ids a on a.n = (p.n - 1) % (select count(*) from agent_ids) + 1
join customer_ids c on c.n = (p.n - 1) % (select count(*) from customer_ids) + 1
join group_memberships m on m.user_id = a.id and m.is_default;

with inserted as (
    insert into tickets (subject, description, status, priority, requester_id, submitter_id, assignee_id, group_id,
                         tags, is_public, via_channel, via_source, comment_count, created_at, updated_at, external_id)
    select subject, body, 'open', 'normal', customer, agent, agent, group_id, '{seeded}', true, 'api',
           '{"from": {}, "to": {}, "rel": null}', 1, at, at, 'bench-parent-' || n
    from parent_rows
    returning id, external_id)
update bench_plan p set ticket = i.id from inserted i where i.external_id = 'bench-parent-' || p.n;
update tickets set external_id = null where external_id like 'bench-parent-%';

insert into ticket_audits (id, ticket_id, author_id, via_channel, correlation_id, events, created_at)
select r.audit_id, p.ticket, r.agent, 'api', gen_random_uuid(),
       jsonb_build_array(
           jsonb_build_object('id', r.comment_id, 'type', 'Comment', 'author_id', r.agent, 'body', r.body,
                              'html_body', '<div class="zd-comment"><p>' || r.body || '</p></div>',
                              'plain_body', r.body, 'public', true, 'attachments', '[]'::jsonb),
           jsonb_build_object('type', 'Create', 'field_name', 'subject', 'value', r.subject),
           jsonb_build_object('type', 'Create', 'field_name', 'status', 'value', 'open'),
           jsonb_build_object('type', 'Create', 'field_name', 'requester_id', 'value', r.customer::text),
           jsonb_build_object('type', 'Create', 'field_name', 'priority', 'value', 'normal'),
           jsonb_build_object('type', 'Create', 'field_name', 'group_id', 'value', r.group_id::text),
           jsonb_build_object('type', 'Create', 'field_name', 'assignee_id', 'value', r.agent::text),
           jsonb_build_object('type', 'Create', 'field_name', 'tags', 'value', jsonb_build_array('seeded'))),
       r.at
from parent_rows r join bench_plan p using (n);

insert into ticket_comments (id, ticket_id, audit_id, author_id, body, html_body, public, via_channel, created_at)
select r.comment_id, p.ticket, r.audit_id, r.agent, r.body, '<div class="zd-comment"><p>' || r.body || '</p></div>',
       true, 'api', r.at
from parent_rows r join bench_plan p using (n);

-- Side conversations: the parent's agent asks another team; the child goes to that team, assigned to one
-- of its members (who answers on it in W2).
create temporary table sc_rows as
select p.n, k, p.ticket as parent, pr.agent as creator, a.email as creator_email, a.n as creator_n,
       pr.subject as parent_subject,
       g.id as group_id, gen_random_uuid() as sc, gen_random_uuid() as event_id, gen_random_uuid() as correlation,
       format('Question %s about ticket %s', k, p.ticket) as subject,
       format('Can your team check ticket %s? The customer is waiting (question %s).', p.ticket, k) as body,
       pr.at + k * interval '1 second' as at,
       nextval('ticket_audits_id_seq') as child_audit, nextval('ticket_comments_id_seq') as child_comment,
       nextval('ticket_audits_id_seq') as parent_audit
from bench_plan p
join parent_rows pr using (n)
join agent_ids a on a.id = pr.agent
cross join lateral generate_series(1, p.scs) k
join group_ids g on g.n = (p.n * 13 + k) % (select count(*) from group_ids) + 1;

alter table sc_rows add column child_agent bigint, add column child bigint;
update sc_rows s set child_agent = (select m.user_id from group_memberships m where m.group_id = s.group_id
                                    order by m.user_id limit 1);

with inserted as (
    insert into tickets (subject, description, status, requester_id, submitter_id, assignee_id, group_id, is_public,
                         external_id, via_channel, via_source, comment_count, created_at, updated_at)
    select subject, body, case when child_agent is null then 'new' else 'open' end, creator, creator, child_agent,
           group_id, true, format('zen:side_conversation:%s:ticket:%s', sc, parent), 'side_conversation',
           jsonb_build_object('to', '{}'::jsonb, 'rel', 'side_conversation', 'from',
                              jsonb_build_object('subject', parent_subject, 'ticket_id', parent,
                                                 'side_conversation_id', sc::text)),
           1, at, at
    from sc_rows
    returning id, external_id)
update sc_rows s set child = i.id from inserted i
where i.external_id = format('zen:side_conversation:%s:ticket:%s', s.sc, s.parent);

insert into ticket_audits (id, ticket_id, author_id, via_channel, correlation_id, events, created_at)
select child_audit, child, creator, 'side_conversation', correlation,
       jsonb_build_array(
           jsonb_build_object('id', child_comment, 'type', 'Comment', 'author_id', creator, 'body', body,
                              'html_body', '<div class="zd-comment"><p>' || body || '</p></div>',
                              'plain_body', body, 'public', true, 'attachments', '[]'::jsonb),
           jsonb_build_object('type', 'Create', 'field_name', 'subject', 'value', subject),
           jsonb_build_object('type', 'Create', 'field_name', 'status', 'value', 'new'),
           jsonb_build_object('type', 'Create', 'field_name', 'requester_id', 'value', creator::text),
           jsonb_build_object('type', 'Create', 'field_name', 'group_id', 'value', group_id::text),
           jsonb_build_object('type', 'Create', 'field_name', 'external_id', 'value',
                              format('zen:side_conversation:%s:ticket:%s', sc, parent))),
       at
from sc_rows;

insert into ticket_comments (id, ticket_id, audit_id, author_id, body, html_body, public, via_channel, created_at)
select child_comment, child, child_audit, creator, body, '<div class="zd-comment"><p>' || body || '</p></div>', true,
       'side_conversation', at
from sc_rows;

insert into side_conversations (id, ticket_id, subject, preview_text, state, participants, external_ids,
                                child_ticket_id, child_external_id, created_at, updated_at, message_added_at,
                                state_updated_at)
select sc, parent, subject, left(body, 100), 'open',
       jsonb_build_array(jsonb_build_object('user_id', creator, 'name', 'Agent ' || creator_n, 'email', creator_email),
                         jsonb_build_object('support_group_id', group_id)),
       jsonb_build_object('targetTicketId', child::text),
       child, format('zen:side_conversation:%s:ticket:%s', sc, parent), at, at, at, at
from sc_rows order by parent, k;

insert into side_conversation_events (id, side_conversation_id, ticket_id, type, actor, via, message, correlation_id,
                                      created_at)
select event_id, sc, parent, 'create',
       jsonb_build_object('user_id', creator, 'name', 'Agent ' || creator_n, 'email', creator_email), 'api',
       jsonb_build_object('subject', subject, 'preview_text', left(body, 100), 'body', body,
                          'from', jsonb_build_object('user_id', creator, 'name', 'Agent ' || creator_n,
                                                     'email', creator_email),
                          'to', jsonb_build_array(jsonb_build_object('support_group_id', group_id)),
                          'attachments', '[]'::jsonb),
       correlation, at
from sc_rows order by parent, k;

insert into ticket_audits (id, ticket_id, author_id, via_channel, correlation_id, events, created_at)
select parent_audit, parent, creator, 'api', correlation,
       jsonb_build_array(jsonb_build_object('type', 'SideConversation', 'action', 'created',
                                            'side_conversation_id', sc::text,
                                            'side_conversation_event_id', event_id::text, 'subject', subject,
                                            'preview_text', left(body, 100), 'child_ticket_id', child,
                                            'correlation_id', correlation::text)),
       at
from sc_rows;

-- Child histories: internal notes by the child's agent (as CommentCapTests seeds them), each with its audit.
-- Most children get 0 to 5 more; W4's get exactly 10 and 4,000 comments in all; "heavy" ones 500 to 4,000.
create temporary table extra as
select s.child, coalesce(s.child_agent, s.creator) as author,
       case p.role when 'w4_child_10' then 9 when 'w4_child_4000' then 3999
                   when 'heavy' then 499 + floor(random() * 3500)::int
                   else floor(random() * 6)::int end as more
from sc_rows s join bench_plan p using (n);

with a as (
    insert into ticket_audits (ticket_id, author_id, via_channel, correlation_id, events, created_at)
    select e.child, e.author, 'api', gen_random_uuid(), '[]', now() - interval '1 day'
    from extra e cross join lateral generate_series(1, e.more)
    returning id, ticket_id, author_id)
insert into ticket_comments (ticket_id, audit_id, author_id, body, html_body, public, via_channel, created_at)
select a.ticket_id, a.id, a.author_id, 'Internal note ' || a.id, '<div class="zd-comment"><p>Internal note ' || a.id
       || '</p></div>', false, 'api', now() - interval '1 day'
from a;
update tickets t set comment_count = 1 + e.more from extra e where t.id = e.child and e.more > 0;

-- W5: one team's queue of 10,000 unsolved, unassigned tickets (a view of them, and a full-text search over them),
-- each with its creation audit and first comment; one of every five is about an invoice. Its agent is a member of
-- that team only.
insert into groups (name, description, is_public, created_at, updated_at)
values ('W5 Queue', 'Seeded queue', true, now() - interval '90 days', now() - interval '90 days');
insert into users (name, email, role, created_at, updated_at)
values ('W5 Agent', 'w5agent@bench.example', 'agent', now() - interval '90 days', now() - interval '90 days');
insert into group_memberships (user_id, group_id, is_default, created_at, updated_at)
select u.id, g.id, true, now() - interval '90 days', now() - interval '90 days'
from users u, groups g where u.email = 'w5agent@bench.example' and g.name = 'W5 Queue';

create temporary table w5_rows as
select n, (select id from groups where name = 'W5 Queue') as group_id,
       (select id from customer_ids where customer_ids.n = (s.n - 1) % (select count(*) from customer_ids) + 1) as customer,
       format('Queue ticket %s about %s', n, (array['an invoice', 'a login', 'a refund', 'shipping', 'a printer'])[n % 5 + 1]) as subject,
       format('Hello, I need help with %s for order %s.', (array['an invoice', 'a login', 'a refund', 'shipping', 'a printer'])[n % 5 + 1], 50000 + n) as body,
       now() - interval '20 days' + n * interval '1 minute' as at,
       nextval('ticket_audits_id_seq') as audit_id, nextval('ticket_comments_id_seq') as comment_id,
       null::bigint as ticket
from generate_series(1, 10000) s(n);

with inserted as (
    insert into tickets (subject, description, status, priority, requester_id, submitter_id, group_id, is_public,
                         via_channel, via_source, comment_count, created_at, updated_at, external_id)
    select subject, body, case when n % 2 = 0 then 'new' else 'open' end, 'normal', customer, customer, group_id, true,
           'api', '{"from": {}, "to": {}, "rel": null}', 1, at, at, 'bench-w5-' || n
    from w5_rows
    returning id, external_id)
update w5_rows w set ticket = i.id from inserted i where i.external_id = 'bench-w5-' || w.n;
update tickets set external_id = null where external_id like 'bench-w5-%';

insert into ticket_audits (id, ticket_id, author_id, via_channel, correlation_id, events, created_at)
select audit_id, ticket, customer, 'api', gen_random_uuid(),
       jsonb_build_array(
           jsonb_build_object('id', comment_id, 'type', 'Comment', 'author_id', customer, 'body', body,
                              'html_body', '<div class="zd-comment"><p>' || body || '</p></div>',
                              'plain_body', body, 'public', true, 'attachments', '[]'::jsonb),
           jsonb_build_object('type', 'Create', 'field_name', 'subject', 'value', subject),
           jsonb_build_object('type', 'Create', 'field_name', 'group_id', 'value', group_id::text)),
       at
from w5_rows;

insert into ticket_comments (id, ticket_id, audit_id, author_id, body, html_body, public, via_channel, created_at)
select comment_id, ticket, audit_id, customer, body, '<div class="zd-comment"><p>' || body || '</p></div>', true,
       'api', at
from w5_rows;

analyze;

select (select count(*) from groups) as groups, (select count(*) from users where role = 'agent') as agents,
       (select count(*) from tickets) as tickets, (select count(*) from side_conversations) as side_conversations,
       (select count(*) from ticket_comments) as comments, (select max(comment_count) from tickets) as max_comments;
