-- Events the projector could not apply (PostgreSQL refused what they hold, say), set aside
-- with the reason so that the read models go on with every other event. Later events of
-- the same aggregate are set aside behind the first, so that its order is kept; a retry
-- (`caunoi parked retry`, a rebuild) applies them again in stream order.
CREATE FUNCTION caunoi.read_model_part_parked(target text) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
    EXECUTE format($sql$
        CREATE TABLE %I.parked_events (
            sequence       bigint PRIMARY KEY,
            aggregate_type text NOT NULL,
            aggregate_id   uuid NOT NULL,
            event_type     text NOT NULL,
            reason         text NOT NULL,
            parked_at      timestamptz NOT NULL DEFAULT now()
        )$sql$, target);
    EXECUTE format('CREATE INDEX ON %I.parked_events (aggregate_type, aggregate_id)', target);
END
$fn$;
