-- Who read members' personal data (PersonalDataRead events): one row per read, for the
-- administrators of the delegation's organisations.
CREATE FUNCTION caunoi.read_model_part_personal_data_reads(target text) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
    EXECUTE format($sql$
        CREATE TABLE %I.personal_data_reads (
            sequence       bigint PRIMARY KEY,
            delegation_id  uuid NOT NULL,
            reader         text NOT NULL,
            view           text NOT NULL,
            read_at        timestamptz NOT NULL,
            correlation_id text NOT NULL
        )$sql$, target);
    EXECUTE format('CREATE INDEX ON %I.personal_data_reads (delegation_id, read_at)', target);
END
$fn$;
