-- Delegations and their logistics. Members' personal details are kept here only as the
-- sealed text the events carry (`sealed`), opened when read with the person's key from
-- caunoi.person_keys; a forgotten person's row keeps no sealed text at all. A delegation's
-- folded state (ids and logistics, never personal details) is the one the projector keeps
-- in `aggregates`, read from there rather than written twice.

CREATE FUNCTION caunoi.read_model_part_delegations(target text) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
    EXECUTE format($sql$
        CREATE TABLE %I.delegations (
            id           uuid PRIMARY KEY,
            programme_id uuid NOT NULL,
            name         text NOT NULL,
            direction    text NOT NULL,
            members      integer NOT NULL,
            version      bigint NOT NULL,
            updated_at   timestamptz NOT NULL
        )$sql$, target);
    EXECUTE format('CREATE INDEX ON %I.delegations (programme_id)', target);
    EXECUTE format($sql$
        CREATE TABLE %I.delegation_members (
            delegation_id uuid NOT NULL,
            person_id     uuid NOT NULL,
            -- Order on the roster, from 1.
            position      integer NOT NULL,
            sealed        text,
            removed       boolean NOT NULL,
            forgotten     boolean NOT NULL,
            PRIMARY KEY (delegation_id, person_id)
        )$sql$, target);
    EXECUTE format($sql$
        CREATE TABLE %I.travel_legs (
            delegation_id    uuid NOT NULL,
            id               uuid NOT NULL,
            departs_at       timestamptz NOT NULL,
            departs_timezone text NOT NULL,
            arrives_at       timestamptz NOT NULL,
            arrives_timezone text NOT NULL,
            border_gate      text,
            mode             text NOT NULL,
            PRIMARY KEY (delegation_id, id)
        )$sql$, target);
    EXECUTE format('CREATE INDEX ON %I.travel_legs (border_gate, departs_at)', target);
    EXECUTE format($sql$
        CREATE TABLE %I.itinerary_items (
            delegation_id uuid NOT NULL,
            id            uuid NOT NULL,
            date          date NOT NULL,
            starts_at     timestamptz NOT NULL,
            timezone      text NOT NULL,
            title         text NOT NULL,
            place         text NOT NULL,
            PRIMARY KEY (delegation_id, id)
        )$sql$, target);
    EXECUTE format($sql$
        CREATE TABLE %I.gifts (
            delegation_id uuid NOT NULL,
            id            uuid NOT NULL,
            kind          text NOT NULL,
            direction     text NOT NULL,
            item          text NOT NULL,
            quantity      integer NOT NULL,
            recipient     text NOT NULL,
            value         numeric,
            currency      text,
            PRIMARY KEY (delegation_id, id)
        )$sql$, target);
    -- Reminders of tasks that fall due are built on due_on, status and owner_email.
    EXECUTE format($sql$
        CREATE TABLE %I.checklist_items (
            delegation_id uuid NOT NULL,
            programme_id  uuid NOT NULL,
            id            uuid NOT NULL,
            kind          text NOT NULL,
            title         text NOT NULL,
            owner_name    text NOT NULL,
            owner_email   text NOT NULL,
            due_on        date NOT NULL,
            status        text NOT NULL,
            leg_id        uuid,
            updated_at    timestamptz NOT NULL,
            PRIMARY KEY (delegation_id, id)
        )$sql$, target);
    EXECUTE format('CREATE INDEX ON %I.checklist_items (due_on) WHERE status IN (''todo'', ''in_progress'')', target);
    EXECUTE format('CREATE INDEX ON %I.checklist_items (lower(owner_email))', target);
    EXECUTE format($sql$
        CREATE TABLE %I.delegation_events (
            sequence       bigint PRIMARY KEY,
            delegation_id  uuid NOT NULL,
            version        bigint NOT NULL,
            event_type     text NOT NULL,
            occurred_at    timestamptz NOT NULL,
            actor          text NOT NULL,
            correlation_id text NOT NULL
        )$sql$, target);
    EXECUTE format('CREATE INDEX ON %I.delegation_events (delegation_id, version)', target);
END
$fn$;
