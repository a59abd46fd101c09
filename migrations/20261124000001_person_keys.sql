-- The key store of personal data (crypto-shredding). Each person on a delegation's roster
-- has a data key; their personal details are sealed with it before they reach the event
-- log. The key is kept here, wrapped (encrypted) under the master key whose short id is
-- `master_key_id`. Forgetting a person deletes their row, and with it every way to read
-- what was sealed for them. This table lives outside the read-model generations: it is not
-- derived from the events and is never rebuilt.
CREATE TABLE caunoi.person_keys (
    person_id     uuid PRIMARY KEY,
    wrapped_key   bytea NOT NULL,
    master_key_id text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    rewrapped_at  timestamptz
);
CREATE INDEX person_keys_master_key_id ON caunoi.person_keys (master_key_id);
