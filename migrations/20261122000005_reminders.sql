-- Reminders. Each reminder has a key naming its rule, subject, recipient and occurrence;
-- the unique key is the claim, so that two schedulers at once send each reminder once. A
-- reminder is claimed in the same transaction that queues its mail.
CREATE TABLE caunoi.reminders (
    key             text PRIMARY KEY,
    rule            text NOT NULL,
    subject         text NOT NULL,
    recipient_email text NOT NULL,
    occurrence      text NOT NULL,
    title           text NOT NULL,
    due_since       timestamptz NOT NULL,
    late            boolean NOT NULL,
    -- The scheduled run that claimed it.
    slot            timestamptz NOT NULL,
    -- The mail is queued in the same transaction, after its reminders.
    mail_id         uuid NOT NULL REFERENCES caunoi.mail_queue (id) DEFERRABLE INITIALLY DEFERRED,
    claimed_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reminders_recipient ON caunoi.reminders (lower(recipient_email), claimed_at);
CREATE INDEX reminders_slot ON caunoi.reminders (slot);

-- The scheduled runs that happened: a start that finds the last one missing catches up.
CREATE TABLE caunoi.reminder_runs (
    slot        timestamptz PRIMARY KEY,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    planned     integer NOT NULL DEFAULT 0,
    claimed     integer NOT NULL DEFAULT 0
);

CREATE FUNCTION caunoi.read_model_part_reminder_preferences(target text) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
    EXECUTE format($sql$
        CREATE TABLE %I.reminder_preferences (
            email      text PRIMARY KEY,
            delivery   text NOT NULL,
            opted_out  text[] NOT NULL,
            updated_at timestamptz NOT NULL
        )$sql$, target);
END
$fn$;
