-- Programmes recorded from history (`caunoi import-history`) carry the attendance their
-- records give; figures count it as they count a follow-up report's. The programmes part
-- is made again with the column `recorded_attendance` (empty for every other programme),
-- so the next start rebuilds the read models.
CREATE OR REPLACE FUNCTION caunoi.read_model_part_programmes(target text) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
    EXECUTE format($sql$
        CREATE TABLE %I.programmes (
            id                       uuid PRIMARY KEY,
            version                  bigint NOT NULL,
            status                   text NOT NULL,
            kind                     text NOT NULL,
            title                    text NOT NULL,
            -- Lower case without diacritics, so that "lao cai" finds "Lào Cai".
            title_folded             text NOT NULL,
            host_organisation        text NOT NULL,
            organisations_folded     text NOT NULL,
            partners_folded          text NOT NULL,
            start_date               date NOT NULL,
            end_date                 date NOT NULL,
            timezone                 text NOT NULL,
            expected_delegation_size integer NOT NULL,
            -- How many took part, for a programme recorded from history; otherwise empty.
            recorded_attendance      integer,
            drafted_at               timestamptz NOT NULL,
            updated_at               timestamptz NOT NULL,
            last_sequence            bigint NOT NULL,
            state                    jsonb NOT NULL
        )$sql$, target);
    EXECUTE format('CREATE INDEX ON %I.programmes (status, start_date)', target);
    EXECUTE format('CREATE INDEX ON %I.programmes (start_date, end_date)', target);
    EXECUTE format('CREATE INDEX ON %I.programmes ((state->''plan''->>''host_organisation_id''))', target);
    EXECUTE format($sql$
        CREATE TABLE %I.programme_events (
            sequence          bigint PRIMARY KEY,
            event_id          uuid NOT NULL,
            programme_id      uuid NOT NULL,
            version           bigint NOT NULL,
            event_type        text NOT NULL,
            schema_version    integer NOT NULL,
            occurred_at       timestamptz NOT NULL,
            actor             text NOT NULL,
            correlation_id    text NOT NULL,
            causation_id      text,
            data              jsonb NOT NULL
        )$sql$, target);
    EXECUTE format('CREATE INDEX ON %I.programme_events (programme_id, version)', target);
END
$fn$;
