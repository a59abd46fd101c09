-- Read models live in generations: each generation is one schema holding a full set of
-- read-model tables, projected from the event stream. The views in schema `caunoi` point at
-- the active generation, so a rebuild can fill a fresh generation while reads go on, then
-- switch the views over in one transaction.

CREATE SCHEMA IF NOT EXISTS caunoi;

CREATE TABLE caunoi.projections (
    generation   bigint PRIMARY KEY,
    schema_name  text NOT NULL UNIQUE CHECK (schema_name ~ '^read_model_[0-9]+$'),
    -- The stream sequence of the last event applied to this generation.
    position     bigint NOT NULL DEFAULT 0,
    status       text NOT NULL CHECK (status IN ('building', 'active', 'retired')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    activated_at timestamptz,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- At most one generation answers reads at a time.
CREATE UNIQUE INDEX projections_one_active ON caunoi.projections ((true)) WHERE status = 'active';

-- Creates the read-model tables of one generation. Changing a read model means replacing
-- this function in a new migration and running `caunoi rebuild`.
CREATE FUNCTION caunoi.create_read_model(target text) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
    EXECUTE format('CREATE SCHEMA %I', target);
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
    -- Events that could not be applied (unreadable, or out of order) are kept here with
    -- the reason, instead of stopping the projection for everyone.
    EXECUTE format($sql$
        CREATE TABLE %I.projection_failures (
            sequence    bigint PRIMARY KEY,
            reason      text NOT NULL,
            recorded_at timestamptz NOT NULL DEFAULT now()
        )$sql$, target);
END
$fn$;

-- Points the public views at one generation's tables.
CREATE FUNCTION caunoi.point_views_at(target text) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
    EXECUTE format('CREATE OR REPLACE VIEW caunoi.programmes AS SELECT * FROM %I.programmes', target);
    EXECUTE format('CREATE OR REPLACE VIEW caunoi.programme_events AS SELECT * FROM %I.programme_events', target);
    EXECUTE format('CREATE OR REPLACE VIEW caunoi.projection_failures AS SELECT * FROM %I.projection_failures', target);
END
$fn$;

INSERT INTO caunoi.projections (generation, schema_name, status, activated_at)
VALUES (1, 'read_model_1', 'active', now());
SELECT caunoi.create_read_model('read_model_1');
SELECT caunoi.point_views_at('read_model_1');
