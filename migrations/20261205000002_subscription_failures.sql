-- Events a follower (the approval process, the mail queue) can never handle, recorded
-- with the reason instead of stopping the follower: it goes on with the next event.
CREATE TABLE caunoi.subscription_failures (
    subscription text NOT NULL,
    sequence     bigint NOT NULL,
    event_type   text NOT NULL,
    reason       text NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (subscription, sequence)
);
