-- Personal fields of the projections are stored sealed under the subject's data key (issue 18):
-- text 'pc1:<base64(nonce || ciphertext || tag)>', see ProjectionCipher and docs/privacy.md. Then a
-- dead row version, the WAL and a backup hold only ciphertext, and erasing the key erases them too.
-- Clear stay only what SQL sorts, filters or searches on: member_view's name (sort, text search),
-- department, role and status. Email search goes through email_index, a keyed blind index (HMAC of
-- the normalised email under a key outside the database); sorting by email is gone.
--
-- The rows are rebuilt from the events: emptied here, and their processors' tokens forgotten so
-- they start again from the first event (their initial token is the tail, as in V17) and seal as
-- they go. Erased subjects get no row (the projections check the fence). Until the processors have
-- caught up, the lists are incomplete.
DELETE FROM member_view;
DELETE FROM administrator_view;
DELETE FROM instructor_profile;

DROP INDEX member_view_email_idx;
ALTER TABLE member_view
    ALTER COLUMN email DROP NOT NULL,
    ALTER COLUMN entry_date TYPE TEXT USING NULL,
    ADD COLUMN email_index BYTEA;
CREATE INDEX member_view_email_index_idx ON member_view (organization_id, email_index);

ALTER TABLE administrator_view
    ALTER COLUMN name DROP NOT NULL,
    ALTER COLUMN email DROP NOT NULL,
    ALTER COLUMN documents DROP NOT NULL,
    ALTER COLUMN documents TYPE TEXT USING NULL;

ALTER TABLE instructor_profile
    ALTER COLUMN name DROP NOT NULL,
    ALTER COLUMN social_links TYPE TEXT USING NULL,
    ALTER COLUMN work_experience TYPE TEXT USING NULL;

DELETE FROM token_entry WHERE processor_name IN ('members', 'organizations', 'instructor-profile');
