-- Whether a ticket's description (its first comment) was public: end-users never read an internal one.
alter table tickets add column description_public boolean not null default true;

update tickets t set description_public = c.public
from ticket_comments c
where c.id = (select min(id) from ticket_comments where ticket_id = t.id);
