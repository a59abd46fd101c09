-- Services that follow the event stream to act on it (the approval process, the mail
-- queue) keep how far they got here. Unlike read models, what they did cannot be done
-- again by a rebuild: these tables live outside the read-model generations.
CREATE TABLE caunoi.subscriptions (
    name       text PRIMARY KEY,
    position   bigint NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Mail waiting to go out, and mail sent. `key` makes queueing idempotent: the same event
-- handled twice queues its mail once. `id` is also the Message-ID. Bodies hold approval
-- links as placeholders naming the link; the token is worked out when the mail is sent.
CREATE TABLE caunoi.mail_queue (
    id              uuid PRIMARY KEY,
    key             text NOT NULL UNIQUE,
    kind            text NOT NULL,
    recipient_name  text NOT NULL,
    recipient_email text NOT NULL,
    subject         text NOT NULL,
    text_body       text NOT NULL,
    html_body       text NOT NULL,
    correlation_id  text NOT NULL,
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    -- A sender that claimed the mail owns it until then; after a crash it is sent again.
    claimed_until   timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz
);
CREATE INDEX mail_queue_due ON caunoi.mail_queue (next_attempt_at) WHERE status = 'pending';
CREATE INDEX mail_queue_recipient ON caunoi.mail_queue (lower(recipient_email), created_at);

CREATE FUNCTION caunoi.notify_mail_queued() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    PERFORM pg_notify('caunoi_mail', '');
    RETURN NULL;
END
$fn$;

CREATE TRIGGER mail_queued AFTER INSERT ON caunoi.mail_queue
FOR EACH STATEMENT EXECUTE FUNCTION caunoi.notify_mail_queued();
