-- Agreements (MOUs): the register, and every scheduled review with what became of it.
-- Dates a reminder looks at: agreements.next_review_on, agreements.expires_on and
-- agreement_reviews.due_on (rows with status 'due'); who to tell: coordinator_email.

CREATE FUNCTION caunoi.read_model_part_agreements(target text) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
    EXECUTE format($sql$
        CREATE TABLE %I.agreements (
            id                uuid PRIMARY KEY,
            title             text NOT NULL,
            -- Title and parties, lower case without diacritics, for searching.
            search_folded     text NOT NULL,
            status            text NOT NULL,
            signed_on         date,
            signing_place     text,
            starts_on         date NOT NULL,
            expires_on        date NOT NULL,
            next_review_on    date,
            next_review_kind  text,
            organisation_ids  uuid[] NOT NULL,
            coordinator_name  text,
            coordinator_email text,
            version           bigint NOT NULL,
            updated_at        timestamptz NOT NULL,
            state             jsonb NOT NULL
        )$sql$, target);
    EXECUTE format('CREATE INDEX ON %I.agreements (status, expires_on)', target);
    EXECUTE format('CREATE INDEX ON %I.agreements (next_review_on)', target);
    EXECUTE format('CREATE INDEX ON %I.agreements USING gin (organisation_ids)', target);
    EXECUTE format($sql$
        CREATE TABLE %I.agreement_reviews (
            agreement_id uuid NOT NULL,
            number       integer NOT NULL,
            due_on       date NOT NULL,
            -- periodic | before_expiry | unscheduled
            kind         text NOT NULL,
            -- due | open | done | not_needed (the agreement ended first)
            status       text NOT NULL,
            review_id    uuid,
            programme_id uuid,
            opened_on    date,
            held_on      date,
            findings     text,
            PRIMARY KEY (agreement_id, due_on)
        )$sql$, target);
    EXECUTE format('CREATE INDEX ON %I.agreement_reviews (status, due_on)', target);
END
$fn$;
