-- Tamper evidence for the event history (docs/tamper-evidence.md).
--
-- The sealer (org.elearn.query.audit.HistorySealer) walks domain_event_entry in global order and
-- extends a SHA-256 hash chain over each event's stored bytes and identity. These tables hold only
-- positions, event identifiers, hashes and signatures: no personal data, and nothing that an erasure
-- has to touch (crypto-shredding never changes an event's stored bytes, so the chain stays valid).

-- One row per sealed event: chain_hash = SHA-256(previous chain_hash || canonical(event)).
CREATE TABLE audit_seal (
    global_index     BIGINT       NOT NULL PRIMARY KEY,
    event_identifier VARCHAR(255) NOT NULL,
    chain_hash       BYTEA        NOT NULL
);

-- Every N sealed events, the chain hash signed with the service's Ed25519 key. Auditors copy these
-- rows out (GET /api/audit/checkpoints) and keep them elsewhere: a rewrite of the history that also
-- rewrites audit_seal cannot produce matching signatures.
CREATE TABLE audit_checkpoint (
    global_index BIGINT      NOT NULL PRIMARY KEY,
    sealed_count BIGINT      NOT NULL,
    chain_hash   BYTEA       NOT NULL,
    signed_at    TIMESTAMPTZ NOT NULL,
    key_id       TEXT        NOT NULL,
    algorithm    TEXT        NOT NULL,
    signature    BYTEA       NOT NULL
);

-- The sealer's own bookkeeping, one row: where the chain ends and the gap it is waiting out. A
-- cache only: the verifier never trusts it, it recomputes the chain from audit_seal and the events.
CREATE TABLE audit_seal_progress (
    singleton         BOOLEAN     NOT NULL PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    last_global_index BIGINT      NOT NULL,
    last_chain_hash   BYTEA       NOT NULL,
    sealed_count      BIGINT      NOT NULL,
    gap_at            BIGINT,     -- the first missing global index the sealer is waiting for
    gap_seen_at       TIMESTAMPTZ -- when it first saw that gap
);
INSERT INTO audit_seal_progress (last_global_index, last_chain_hash, sealed_count)
VALUES (0, decode(repeat('00', 32), 'hex'), 0);

-- Seals and checkpoints are append-only: changing or removing one raises. (A superuser can still
-- disable triggers; that is what the signed checkpoints kept outside the database are for.)
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END
$$;

CREATE TRIGGER audit_seal_append_only BEFORE UPDATE OR DELETE ON audit_seal
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
