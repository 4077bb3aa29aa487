-- Whether each member is active. A deactivated member's login is refused (account-deactivated) and
-- statements naming them are refused. Members deactivated before this column existed are found from
-- their aggregate's latest deactivation or reactivation event, and their sessions are revoked.
ALTER TABLE member_directory ADD COLUMN active BOOLEAN NOT NULL DEFAULT true;

UPDATE member_directory d SET active = false
 WHERE (SELECT e.payload_type FROM domain_event_entry e
         WHERE e.aggregate_identifier = d.member_id::text
           AND e.payload_type IN ('org.elearn.events.membership.MemberDeactivated',
                                  'org.elearn.events.membership.MemberReactivated')
         ORDER BY e.sequence_number DESC LIMIT 1) = 'org.elearn.events.membership.MemberDeactivated';

INSERT INTO session_version (user_id, version)
SELECT member_id, 1 FROM member_directory WHERE NOT active
ON CONFLICT (user_id) DO UPDATE SET version = session_version.version + 1;
