-- What each xAPI credential may do (xAPI scope names, e.g. statements/write) and which browser
-- origins may use it (CORS, e.g. https://content.example). Credentials issued before scopes existed
-- keep what they could do: write statements, read their own, State and profile documents.
ALTER TABLE xapi_credential
    ADD COLUMN scopes          TEXT[] NOT NULL DEFAULT '{statements/write,statements/read/mine,state,profile}',
    ADD COLUMN allowed_origins TEXT[] NOT NULL DEFAULT '{}';
ALTER TABLE xapi_credential ALTER COLUMN scopes DROP DEFAULT;
-- A preflight carries no credential: it is answered for an origin some live credential allows.
CREATE INDEX xapi_credential_allowed_origins_idx ON xapi_credential USING GIN (allowed_origins)
    WHERE revoked_at IS NULL;
