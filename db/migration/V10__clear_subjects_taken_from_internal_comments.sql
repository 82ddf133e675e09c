-- Issue 15, item 2 (R22): before this version a ticket opened without a subject took the first line of its
-- first comment, even when that comment was internal (a side conversation's child ticket under the internal
-- comment types, or a ticket an agent opened with an internal note), and end-users read subjects. Such
-- subjects are replaced as the service now decides them: a child ticket's by its parent's subject, any other
-- ticket's by none. A subject matches when it is that first line (as the service cut it: the stripped text's
-- first line, at most 80 characters, stripped or not) of an internal first comment; a subject an agent wrote
-- that happens to be that line is replaced too, since the text is the internal note's all the same. The
-- history keeps the old subject in the creation audit, which end-users never read.
with first_lines as (
    select t.id,
           split_part(regexp_replace(btrim(t.description, E' \t\r\n\f\v'), E'\r\n?', E'\n', 'g'), E'\n', 1) as line
    from tickets t
    where not t.description_public and t.subject <> ''
)
update tickets t
set subject = case
        when t.via_channel = 'side_conversation' then coalesce(
            (select p.subject from tickets p where p.id = (t.via_source -> 'from' ->> 'ticket_id')::bigint), '')
        else '' end
from first_lines f
where f.id = t.id
  and t.subject in (left(f.line, 80), left(btrim(f.line, E' \t\f\v'), 80));
