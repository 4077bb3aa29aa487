-- Issue 8: consent per purpose and the marketing outbox. Ids, purpose names, states and times only.

-- The current consent per user and purpose, written in the transaction that appends the decision's
-- event (the history is the events). Read by the outbox drainer before each marketing message.
CREATE TABLE consent_state (
    user_id        UUID        NOT NULL,
    purpose        TEXT        NOT NULL,
    state          TEXT        NOT NULL CHECK (state IN ('GRANTED', 'WITHDRAWN', 'DECLINED')),
    policy_version TEXT        NOT NULL,
    channel        TEXT        NOT NULL,
    decided_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, purpose)
);

-- Marketing messages leave the outbox only with the recipient's consent at sending time.
ALTER TABLE notification_outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'TRANSACTIONAL'
    CHECK (kind IN ('TRANSACTIONAL', 'MARKETING'));
-- The local sender keeps the mail headers (List-Unsubscribe) so tests can read them back.
ALTER TABLE local_mailbox ADD COLUMN headers TEXT NOT NULL DEFAULT '{}';
