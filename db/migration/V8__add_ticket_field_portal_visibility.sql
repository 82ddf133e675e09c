-- Which custom fields end-users read (visible_in_portal) and may fill in when they open a ticket
-- (editable_in_portal), as Zendesk has them. Both off by default, existing fields included: a value written by
-- agents stays with agents until an admin says otherwise. A field end-users edit is one they can see.
alter table ticket_fields
    add column visible_in_portal  boolean not null default false,
    add column editable_in_portal boolean not null default false,
    add constraint ticket_fields_editable_is_visible check (not editable_in_portal or visible_in_portal);
