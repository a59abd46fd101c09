-- Signing in to the pages. Sign-in links and sessions are short-lived infrastructure
-- state, not events: they live outside the read-model generations, and only the SHA-256
-- of each token or session id is kept, so a copy of the database opens no session.
CREATE TABLE caunoi.sign_in_links (
    token_hash     text PRIMARY KEY,
    email          text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz
);
CREATE INDEX sign_in_links_email ON caunoi.sign_in_links (email, created_at);

CREATE TABLE caunoi.sessions (
    id_hash      text PRIMARY KEY,
    email        text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_expiry ON caunoi.sessions (expires_at);

-- People's roles per organisation, from the user_account aggregates.
CREATE FUNCTION caunoi.read_model_part_user_roles(target text) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
    EXECUTE format($sql$
        CREATE TABLE %I.user_roles (
            user_id         uuid NOT NULL,
            email           text NOT NULL,
            name            text NOT NULL,
            organisation_id uuid NOT NULL,
            role            text NOT NULL,
            updated_at      timestamptz NOT NULL,
            PRIMARY KEY (user_id, organisation_id, role)
        )$sql$, target);
    EXECUTE format('CREATE INDEX ON %I.user_roles (organisation_id)', target);
END
$fn$;
