-- R20: a reply to a closed child ticket opens its follow-up, which the link then names. The closed children a
-- side conversation had before, oldest first, stay its children: the parent still lists them.
alter table side_conversations
    add column earlier_child_ticket_ids bigint[] not null default '{}';
