-- Which stream holds a member's record (the Member aggregate). An imported member's record is keyed
-- by their member id. A member who joined only by invitation may share that id with another kind of
-- account's aggregate (a self-registered instructor, an administrator), so their record is keyed by
-- an id derived from it (MemberRecords) and opened by its first change. Members imported before
-- this column are recognised by their import event, whose stream is keyed by the member id.
ALTER TABLE member_directory ADD COLUMN imported BOOLEAN NOT NULL DEFAULT false;

UPDATE member_directory d SET imported = true
 WHERE EXISTS (SELECT 1 FROM domain_event_entry e
                WHERE e.aggregate_identifier = d.member_id::text
                  AND e.payload_type = 'org.elearn.events.membership.MemberImported');
