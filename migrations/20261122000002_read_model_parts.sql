-- Read models come in parts, one per feature: each part is a function
-- `caunoi.read_model_part_<name>(target)` that creates its tables in a generation's schema.
-- A feature that adds or changes tables adds or replaces its own part in a new migration,
-- and nothing else: the signature of the parts changes, and the next start rebuilds the
-- read models into a fresh generation before serving.

ALTER TABLE caunoi.projections ADD COLUMN signature text;

-- Aggregates other than programmes keep their folded state here, so that the projector
-- can apply the next event to it without reading the stream again.
CREATE FUNCTION caunoi.read_model_part_aggregates(target text) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
    EXECUTE format($sql$
        CREATE TABLE %I.aggregates (
            aggregate_type text NOT NULL,
            id             uuid NOT NULL,
            version        bigint NOT NULL,
            created_at     timestamptz NOT NULL,
            updated_at     timestamptz NOT NULL,
            last_sequence  bigint NOT NULL,
            state          jsonb NOT NULL,
            PRIMARY KEY (aggregate_type, id)
        )$sql$, target);
    EXECUTE format($sql$
        CREATE TABLE %I.projection_failures (
            sequence    bigint PRIMARY KEY,
            reason      text NOT NULL,
            recorded_at timestamptz NOT NULL DEFAULT now()
        )$sql$, target);
END
$fn$;

CREATE FUNCTION caunoi.read_model_part_programmes(target text) RETURNS void
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

-- The parts' names and definitions: when a migration adds or changes a part, this changes,
-- and generations built with other parts are out of date.
CREATE FUNCTION caunoi.read_model_signature() RETURNS text
LANGUAGE sql STABLE AS $fn$
    SELECT md5(string_agg(p.proname || ':' || md5(p.prosrc), ',' ORDER BY p.proname))
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'caunoi' AND p.proname LIKE 'read\_model\_part\_%'
$fn$;

CREATE OR REPLACE FUNCTION caunoi.create_read_model(target text) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
    part text;
BEGIN
    EXECUTE format('CREATE SCHEMA %I', target);
    FOR part IN
        SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'caunoi' AND p.proname LIKE 'read\_model\_part\_%'
        ORDER BY p.proname
    LOOP
        EXECUTE format('SELECT caunoi.%I($1)', part) USING target;
    END LOOP;
END
$fn$;

-- Points a view in schema caunoi at every table of one generation. Views are dropped and
-- made again, since a table's columns may differ between generations.
CREATE OR REPLACE FUNCTION caunoi.point_views_at(target text) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
    name text;
BEGIN
    FOR name IN
        SELECT table_name FROM information_schema.tables
        WHERE table_schema = target AND table_type = 'BASE TABLE'
    LOOP
        EXECUTE format('DROP VIEW IF EXISTS caunoi.%I', name);
        EXECUTE format('CREATE VIEW caunoi.%I AS SELECT * FROM %I.%I', name, target, name);
    END LOOP;
END
$fn$;
