-- A ticket's side conversations and a side conversation's events are read a page at a time in seq order, on the
-- (ticket_id, seq) and (side_conversation_id, seq) indexes. The unique indexes on seq alone gave PostgreSQL a second
-- way to read them in that order: when one ticket or one side conversation holds a large share of the rows (a young
-- database, a parent everybody works on), it chose to walk the rows from the first one ever written and filter them,
-- thousands read for a page of a hundred (SideConversationQueryPlanTests). No statement looks a row up by seq alone,
-- and the values stay unique without the indexes: identity columns, generated always.
--
-- Dropping a constraint locks its table: on a busy database the migration gives up after 5 s (and the start with
-- it, to be retried) rather than queue every read and write of side conversations behind a long transaction.
set local lock_timeout = '5s';
alter table side_conversations drop constraint side_conversations_seq_key;
alter table side_conversation_events drop constraint side_conversation_events_seq_key;
