-- Search (issue 22): the words of each ticket's subject and of each comment, kept by the database as it writes the
-- row (stored generated columns), each with a GIN index. The 'simple' configuration: words as written, any case, no
-- stemming or stop words, the same for every language. Comments keep their privacy beside their words, so a search
-- by someone who may not read internal notes never matches one (R22).
alter table tickets
    add column subject_words tsvector generated always as (to_tsvector('simple', subject)) stored;
create index tickets_subject_words_idx on tickets using gin (subject_words);

alter table ticket_comments
    add column body_words tsvector generated always as (to_tsvector('simple', body)) stored;
create index ticket_comments_body_words_idx on ticket_comments using gin (body_words);
