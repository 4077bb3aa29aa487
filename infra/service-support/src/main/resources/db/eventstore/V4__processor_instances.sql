-- Live instances of each service, for balancing processor segments between them (SegmentBalancer
-- in service-support): every instance refreshes its row every few seconds, and a row not refreshed
-- within the token claim timeout belongs to an instance that is gone. instance_id is the node id the
-- instance writes into token_entry.owner. No personal data.
CREATE TABLE processor_instance (
    instance_id  VARCHAR(255) PRIMARY KEY,
    service      VARCHAR(255) NOT NULL,
    heartbeat_at TIMESTAMPTZ  NOT NULL
);

CREATE INDEX processor_instance_service ON processor_instance (service, heartbeat_at);
