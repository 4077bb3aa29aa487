package org.elearn.query.instructor;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.elearn.events.instructor.InstructorProfileUpdated;
import org.elearn.events.instructor.InstructorPublicProfileEdited;
import org.elearn.events.instructor.InstructorRegistered;
import org.elearn.events.membership.InvitationAccepted;
import org.elearn.events.membership.InvitedRole;
import org.elearn.events.membership.MemberDetailsChanged;
import org.elearn.query.projection.Projection;
import org.elearn.query.sealing.ProjectionCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code instructor_profile}: one row per person who teaches, self-registered or a member
 * invited as an instructor, keyed by their user id. A self-registered instructor's phone is kept
 * too, for their own profile only (the public profile never reads it). Runs in a pooled streaming processor whose unit of work is one
 * JDBC transaction: the rows written here and the processor's token commit together. Each row keeps
 * the global index it last applied, so applying an event twice changes nothing. Erased subjects
 * (in the erasure fence) never get a row, whatever order a replay brings their events in. Every
 * profile field is sealed under the instructor's key: profiles are read one at a time, by id.
 */
@Component
@ProcessingGroup(InstructorProfileProjection.PROCESSING_GROUP)
class InstructorProfileProjection extends Projection {

    static final String PROCESSING_GROUP = "instructor-profile";

    private static final String TABLE = "instructor_profile";

    private final ProjectionCipher cipher;

    InstructorProfileProjection(JdbcTemplate jdbc, ProjectionCipher cipher) {
        super(jdbc, List.of(TABLE));
        this.cipher = cipher;
    }

    private String seal(UUID instructor, String column, Object value) {
        return cipher.seal(TABLE, column, instructor, value);
    }

    @EventHandler
    void on(InstructorRegistered event, @Timestamp Instant registeredAt, TrackingToken token) {
        jdbc.update("""
                INSERT INTO instructor_profile (instructor_id, name, phone, registered_at, last_global_index)
                SELECT ?, ?, ?, ?, ? WHERE %s
                ON CONFLICT (instructor_id) DO UPDATE
                   SET name = EXCLUDED.name, phone = EXCLUDED.phone, last_global_index = EXCLUDED.last_global_index
                 WHERE instructor_profile.last_global_index < EXCLUDED.last_global_index""".formatted(notFenced("?")),
                event.instructorId(), seal(event.instructorId(), "name", event.name()),
                seal(event.instructorId(), "phone", event.phone()), java.sql.Timestamp.from(registeredAt), position(token),
                event.instructorId().toString());
    }

    /**
     * A member invited to teach gets a public profile under their user id, the id their courses
     * name; someone who already has one (a self-registered instructor joining) keeps it.
     */
    @EventHandler
    void on(InvitationAccepted event, @Timestamp Instant joinedAt, TrackingToken token) {
        if (event.role() != InvitedRole.INSTRUCTOR) {
            return;
        }
        jdbc.update("""
                INSERT INTO instructor_profile (instructor_id, name, registered_at, last_global_index)
                SELECT ?, ?, ?, ? WHERE %s
                ON CONFLICT (instructor_id) DO NOTHING""".formatted(notFenced("?")),
                event.inviteeId(), seal(event.inviteeId(), "name", event.name()), java.sql.Timestamp.from(joinedAt),
                position(token),
                event.inviteeId().toString());
    }

    /** A member's public name follows their member name. */
    @EventHandler
    void on(MemberDetailsChanged event, TrackingToken token) {
        rename(event.memberId(), event.name(), token);
    }

    /** A self-registered instructor's own edit: their name and phone (the phone only they see). */
    @EventHandler
    void on(InstructorProfileUpdated event, TrackingToken token) {
        UUID id = event.instructorId();
        jdbc.update("""
                UPDATE instructor_profile SET name = ?, phone = ?, last_global_index = ?
                 WHERE instructor_id = ? AND last_global_index < ?""",
                seal(id, "name", event.name()), seal(id, "phone", event.phone()), position(token), id, position(token));
    }

    private void rename(UUID instructorId, String name, TrackingToken token) {
        jdbc.update("""
                UPDATE instructor_profile SET name = ?, last_global_index = ?
                 WHERE instructor_id = ? AND last_global_index < ?""",
                seal(instructorId, "name", name), position(token), instructorId, position(token));
    }

    @EventHandler
    void on(InstructorPublicProfileEdited event, TrackingToken token) {
        UUID id = event.instructorId();
        jdbc.update("""
                UPDATE instructor_profile
                   SET avatar_uri = ?, gender = ?, introduction = ?, headline = ?, biography = ?, language = ?,
                       website = ?, social_links = ?, country = ?, work_experience = ?,
                       last_global_index = ?
                 WHERE instructor_id = ? AND last_global_index < ?""",
                seal(id, "avatar_uri", event.avatarUri()), seal(id, "gender", event.gender()),
                seal(id, "introduction", event.introduction()), seal(id, "headline", event.headline()),
                seal(id, "biography", event.biography()), seal(id, "language", event.language()),
                seal(id, "website", event.website()), seal(id, "social_links", event.socialLinks()),
                seal(id, "country", event.country()), seal(id, "work_experience", event.workExperience()),
                position(token), id, position(token));
    }

    /** Erasure deletes the row (called by the erasure processor). */
    @Override
    public List<String> clearPersonalDataTables() {
        return List.of(TABLE);
    }

    @Override
    public void erase(UUID subjectId) {
        jdbc.update("DELETE FROM instructor_profile WHERE instructor_id = ?", subjectId);
    }
}
