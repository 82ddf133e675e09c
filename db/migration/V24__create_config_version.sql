-- Issue 26: the version of the account's configuration that every write reads (account settings, active triggers,
-- SLA policies, webhooks). PostgreSQL bumps it in the transaction of every change to those tables, whoever makes
-- it (any instance, a migration, a hand-written statement), so an instance may keep them in memory for as long as
-- the version it reads with each request's authentication is the one they were read at (web/ConfigVersion).
create table config_version (
    id      boolean primary key default true check (id),
    version bigint  not null
);
insert into config_version (version) values (1);

-- Each bump takes a number no other transaction has had, committed or not: a value read inside a transaction that
-- then rolled back is never mistaken for the configuration at a version a later change commits.
create sequence config_version_seq start with 2;

create function bump_config_version() returns trigger language plpgsql as $$
begin
    update config_version set version = nextval('config_version_seq');
    return null;
end
$$;

create trigger account_settings_config_version after insert or update or delete or truncate on account_settings
    for each statement execute function bump_config_version();
create trigger triggers_config_version after insert or update or delete or truncate on triggers
    for each statement execute function bump_config_version();
create trigger sla_policies_config_version after insert or update or delete or truncate on sla_policies
    for each statement execute function bump_config_version();
-- Of a webhook, the writes read only whether it is active and what it subscribes to: its circuit breaker's updates,
-- on every failed delivery, bump nothing.
create trigger webhooks_config_version after insert or update of status, subscriptions or delete or truncate
    on webhooks for each statement execute function bump_config_version();
