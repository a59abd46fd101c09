-- A follow-up report gives the attendance of each side, its spending per budget line and
-- the gifts and donations given and received (report events of schema version 2). The
-- follow-ups part is made again with their sums, counted once the report is handed in,
-- so the next start rebuilds the read models.
CREATE OR REPLACE FUNCTION caunoi.read_model_part_follow_ups(target text) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
    EXECUTE format($sql$
        CREATE TABLE %I.follow_up_reports (
            id                   uuid PRIMARY KEY,
            programme_id         uuid NOT NULL UNIQUE,
            programme_title      text NOT NULL,
            status               text NOT NULL,
            due_on               date NOT NULL,
            submitted_at         timestamptz,
            accepted_at          timestamptz,
            planned_attendance   integer NOT NULL,
            actual_attendance    integer,
            -- The actual attendance once the report is submitted or accepted; figures
            -- use it instead of the plan's expected size.
            counted_attendance   integer,
            -- Once the report is submitted or accepted, like counted_attendance: the
            -- attendance of each side (empty when the report does not say: unknown, not
            -- 0), and its money in whole đồng (empty when it gives nothing to count).
            vietnamese_side      integer,
            partner_side         integer,
            spent_vnd            bigint,
            -- The plan's budget in đồng, foreign lines at the rate of their spending.
            budget_vnd           bigint,
            gifts_given_vnd      bigint,
            gifts_received_vnd   bigint,
            coordinator_name     text,
            coordinator_email    text,
            agreement_id         uuid,
            host_organisation_id uuid,
            open_action_items    integer NOT NULL,
            version              bigint NOT NULL,
            updated_at           timestamptz NOT NULL,
            state                jsonb NOT NULL
        )$sql$, target);
    EXECUTE format('CREATE INDEX ON %I.follow_up_reports (status, due_on)', target);
    EXECUTE format($sql$
        CREATE TABLE %I.action_items (
            id                   uuid PRIMARY KEY,
            report_id            uuid NOT NULL,
            report_status        text NOT NULL,
            programme_id         uuid NOT NULL,
            programme_title      text NOT NULL,
            title                text NOT NULL,
            owner_name           text NOT NULL,
            owner_email          text NOT NULL,
            due_on               date NOT NULL,
            status               text NOT NULL,
            note                 text,
            done_on              date,
            agreement_id         uuid,
            host_organisation_id uuid
        )$sql$, target);
    EXECUTE format('CREATE INDEX ON %I.action_items (report_id)', target);
    EXECUTE format('CREATE INDEX ON %I.action_items (status, due_on)', target);
    EXECUTE format('CREATE INDEX ON %I.action_items (lower(owner_email))', target);
END
$fn$;
