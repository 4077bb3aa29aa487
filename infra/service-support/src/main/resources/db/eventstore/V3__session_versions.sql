-- Session versions, shared by every service that validates tokens: a token carries the version it
-- was issued under (claim "sv"); changing the password raises the version, and every instance then
-- refuses older tokens (NOTIFY session_revoked). No personal data.
CREATE TABLE session_version (
    user_id UUID PRIMARY KEY,
    version INTEGER NOT NULL
);
