-- B1: the roll-up policies of parent and child tickets, each off by default.
alter table account_settings
    add column parent_solve_requires_children_solved boolean not null default false,
    add column solve_children_with_parent             boolean not null default false,
    add column reopen_parent_when_child_reopens       boolean not null default false,
    add column notify_parent_assignee_when_children_done boolean not null default false;
