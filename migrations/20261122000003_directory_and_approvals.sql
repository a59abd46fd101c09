-- The directory of organisations (committees, members, routes) and the approval rounds.

CREATE FUNCTION caunoi.read_model_part_directory(target text) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
    EXECUTE format($sql$
        CREATE TABLE %I.organisations (
            id          uuid PRIMARY KEY,
            name        text NOT NULL,
            name_folded text NOT NULL,
            kind        text NOT NULL,
            province    text,
            version     bigint NOT NULL,
            updated_at  timestamptz NOT NULL,
            state       jsonb NOT NULL
        )$sql$, target);
    EXECUTE format($sql$
        CREATE TABLE %I.committees (
            id              uuid PRIMARY KEY,
            organisation_id uuid NOT NULL,
            name            text NOT NULL,
            rule            text NOT NULL
        )$sql$, target);
    EXECUTE format('CREATE INDEX ON %I.committees (organisation_id)', target);
    EXECUTE format($sql$
        CREATE TABLE %I.committee_members (
            organisation_id uuid NOT NULL,
            committee_id    uuid NOT NULL,
            member_id       uuid NOT NULL,
            name            text NOT NULL,
            email           text NOT NULL,
            role            text NOT NULL,
            serves_from     date NOT NULL,
            serves_until    date,
            PRIMARY KEY (committee_id, member_id)
        )$sql$, target);
    EXECUTE format('CREATE INDEX ON %I.committee_members (organisation_id)', target);
    EXECUTE format('CREATE INDEX ON %I.committee_members (lower(email))', target);
    EXECUTE format($sql$
        CREATE TABLE %I.approval_routes (
            id              uuid PRIMARY KEY,
            organisation_id uuid NOT NULL,
            name            text NOT NULL,
            kinds           text[] NOT NULL,
            stages          jsonb NOT NULL
        )$sql$, target);
    EXECUTE format('CREATE INDEX ON %I.approval_routes (organisation_id)', target);
END
$fn$;

CREATE FUNCTION caunoi.read_model_part_approvals(target text) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
    EXECUTE format($sql$
        CREATE TABLE %I.approval_rounds (
            id           uuid PRIMARY KEY,
            programme_id uuid NOT NULL,
            round        integer NOT NULL,
            status       text NOT NULL,
            first_stage  integer NOT NULL,
            opened_at    timestamptz NOT NULL,
            updated_at   timestamptz NOT NULL,
            version      bigint NOT NULL,
            state        jsonb NOT NULL
        )$sql$, target);
    EXECUTE format('CREATE INDEX ON %I.approval_rounds (programme_id, round)', target);
    -- One row per person asked to decide, per stage of a round: the approvers' inboxes
    -- and each programme's approval timeline.
    EXECUTE format($sql$
        CREATE TABLE %I.approval_seats (
            round_id           uuid NOT NULL,
            programme_id       uuid NOT NULL,
            round              integer NOT NULL,
            round_status       text NOT NULL,
            stage              integer NOT NULL,
            committee_id       uuid NOT NULL,
            committee_name     text NOT NULL,
            rule               text NOT NULL,
            advisory           boolean NOT NULL,
            stage_status       text NOT NULL,
            member_id          uuid NOT NULL,
            chair              boolean NOT NULL,
            approver_name      text NOT NULL,
            approver_email     text NOT NULL,
            on_behalf_of_name  text,
            on_behalf_of_email text,
            link_id            uuid,
            link_issued_at     timestamptz,
            link_expires_at    timestamptz,
            decision           text,
            comment            text,
            decided_at         timestamptz,
            PRIMARY KEY (round_id, stage, member_id)
        )$sql$, target);
    EXECUTE format('CREATE INDEX ON %I.approval_seats (lower(approver_email)) WHERE decision IS NULL', target);
    EXECUTE format('CREATE INDEX ON %I.approval_seats (programme_id)', target);
    EXECUTE format($sql$
        CREATE TABLE %I.approval_timeline (
            sequence     bigint PRIMARY KEY,
            round_id     uuid NOT NULL,
            programme_id uuid NOT NULL,
            occurred_at  timestamptz NOT NULL,
            event_type   text NOT NULL,
            actor        text NOT NULL,
            data         jsonb NOT NULL
        )$sql$, target);
    EXECUTE format('CREATE INDEX ON %I.approval_timeline (programme_id, sequence)', target);
    EXECUTE format('CREATE INDEX ON %I.approval_timeline (round_id, event_type)', target);
END
$fn$;
