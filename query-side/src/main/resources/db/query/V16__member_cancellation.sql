-- A member whose account cancellation is pending (privacy rights, account cancellation): when the
-- cool-off ends and the account is erased. Null when no cancellation is pending; the erasure then
-- deletes the row.
ALTER TABLE member_view ADD COLUMN erasure_due_at timestamptz;
