-- A sign-in link works only in the browser that asked for it: the hash of that browser's
-- pre-session cookie is kept with the link (login CSRF: another site cannot sign a
-- browser in as someone else with a link of its own).
ALTER TABLE caunoi.sign_in_links ADD COLUMN browser_hash text;

-- API tokens for machine clients, sent as `Authorization: Bearer`. Only the SHA-256 of a
-- token is kept; the token itself is shown once, when it is made. A token acts as the
-- person who made it, with that person's roles at the time of each request.
CREATE TABLE caunoi.api_tokens (
    id            uuid PRIMARY KEY,
    secret_hash   text NOT NULL UNIQUE,
    email         text NOT NULL,
    label         text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    last_used_at  timestamptz
);
CREATE INDEX api_tokens_email ON caunoi.api_tokens (email, created_at);
