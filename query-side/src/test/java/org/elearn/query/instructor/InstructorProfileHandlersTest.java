package org.elearn.query.instructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.elearn.query.projection.ProjectionTests.at;
import static org.elearn.query.projection.ProjectionTests.count;
import static org.elearn.query.projection.ProjectionTests.fence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.events.instructor.InstructorProfileUpdated;
import org.elearn.events.instructor.InstructorPublicProfileEdited;
import org.elearn.events.instructor.InstructorRegistered;
import org.elearn.events.instructor.WorkExperience;
import org.elearn.events.membership.InvitationAccepted;
import org.elearn.events.membership.InvitedRole;
import org.elearn.events.membership.MemberDetailsChanged;
import org.elearn.query.sealing.ProjectionCipher;
import org.elearn.query.sealing.TestCiphers;
import org.elearn.query.projection.ProjectionTests;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The instructor profile projection's handlers, called directly, on a real PostgreSQL
 * ({@link InstructorProfileProjectionTest} runs it in the query side, behind the API).
 */
class InstructorProfileHandlersTest {

    private static final JdbcTemplate JDBC = ProjectionTests.migratedDatabase();
    private static final ProjectionCipher CIPHER = TestCiphers.cipher(TestCiphers.vault(JDBC));
    private static final Instant REGISTERED = Instant.parse("2026-03-02T09:00:00Z");

    private final InstructorProfileProjection projection = new InstructorProfileProjection(JDBC, CIPHER);
    private final UUID instructor = UUID.randomUUID();
    private final UUID organization = UUID.randomUUID();

    private void registered(String name, long globalIndex) {
        projection.on(new InstructorRegistered(instructor, name, "k@example.com", "+1 555 0100"), REGISTERED,
                at(globalIndex));
    }

    private InvitationAccepted invited(InvitedRole role) {
        return new InvitationAccepted(UUID.randomUUID(), instructor, organization, "Invited Name", "k@example.com",
                role);
    }

    private Map<String, Object> row() {
        return CIPHER.openColumns("instructor_profile", instructor,
                JDBC.queryForMap("SELECT * FROM instructor_profile WHERE instructor_id = ?", instructor));
    }

    @Test
    void aRegisteredInstructorHasAProfileUnderTheirNameSealed() {
        registered("Katherine Johnson", 10);

        assertThat(row()).containsEntry("name", "Katherine Johnson").containsEntry("phone", "+1 555 0100")
                .containsEntry("registered_at", Timestamp.from(REGISTERED)).containsEntry("last_global_index", 10L);
        assertThat(JDBC.queryForObject("SELECT name FROM instructor_profile WHERE instructor_id = ?", String.class,
                instructor)).doesNotContain("Katherine");
        assertThat(JDBC.queryForObject("SELECT phone FROM instructor_profile WHERE instructor_id = ?", String.class,
                instructor)).doesNotContain("555");
    }

    @Test
    void aMemberInvitedToTeachGetsAProfileButAnInvitedTraineeDoesNot() {
        projection.on(invited(InvitedRole.TRAINEE), REGISTERED, at(10));
        assertThat(count(JDBC, "instructor_profile", "instructor_id = ?", instructor)).isZero();

        projection.on(invited(InvitedRole.INSTRUCTOR), REGISTERED, at(11));

        assertThat(row()).containsEntry("name", "Invited Name");
    }

    @Test
    void aSelfRegisteredInstructorJoiningAsAMemberKeepsTheirProfile() {
        registered("Katherine Johnson", 10);

        projection.on(invited(InvitedRole.INSTRUCTOR), REGISTERED, at(11));

        assertThat(row()).containsEntry("name", "Katherine Johnson");
    }

    @Test
    void renamesAndThePublicProfileChangeTheRow() {
        registered("Katherine Johnson", 10);
        projection.on(new MemberDetailsChanged(instructor, organization, "Katherine G. Johnson", null, "Math"), at(11));
        assertThat(row()).containsEntry("name", "Katherine G. Johnson");
        projection.on(new InstructorProfileUpdated(instructor, "K. Johnson", "+1 555 0199"), at(12));
        assertThat(row()).containsEntry("phone", "+1 555 0199");
        projection.on(new InstructorProfileUpdated(instructor, "K. Johnson", null), at(13));
        assertThat(row().get("phone")).as("a phone removed").isNull();
        projection.on(new InstructorPublicProfileEdited(instructor, "https://example.com/a.png", null, "Hello",
                "Mathematician", "Orbits", "en", "https://example.com", List.of("https://social.example.com/kj"), "US",
                List.of(new WorkExperience("NASA", "Mathematician", YearMonth.of(1953, 6), YearMonth.of(1986, 1)))),
                at(14));

        assertThat(row()).containsEntry("name", "K. Johnson").containsEntry("headline", "Mathematician")
                .containsEntry("biography", "Orbits").containsEntry("country", "US")
                .containsEntry("last_global_index", 14L);
        assertThat(row().get("work_experience").toString()).contains("NASA");
    }

    @Test
    void eventsDeliveredAgainChangeNothing() {
        registered("Katherine Johnson", 10);
        projection.on(new InstructorProfileUpdated(instructor, "K. Johnson", null), at(12));
        String version = JDBC.queryForObject("SELECT xmin::text FROM instructor_profile WHERE instructor_id = ?",
                String.class, instructor);

        registered("Katherine Johnson", 10);
        projection.on(new MemberDetailsChanged(instructor, organization, "Older Name", null, "Math"), at(11));
        projection.on(new InstructorProfileUpdated(instructor, "K. Johnson", null), at(12));

        assertThat(JDBC.queryForObject("SELECT xmin::text FROM instructor_profile WHERE instructor_id = ?",
                String.class, instructor)).isEqualTo(version);
    }

    @Test
    void erasureDeletesTheProfileAndAFencedInstructorGetsNoneAgain() {
        registered("Katherine Johnson", 10);

        projection.erase(instructor);
        fence(JDBC, instructor);
        registered("Katherine Johnson", 10);
        projection.on(invited(InvitedRole.INSTRUCTOR), REGISTERED, at(11));

        assertThat(count(JDBC, "instructor_profile", "instructor_id = ?", instructor)).isZero();
        assertThat(projection.clearPersonalDataTables()).containsExactly("instructor_profile");
    }

    @Test
    void aResetEmptiesTheTable() {
        registered("Katherine Johnson", 10);

        ProjectionTests.resetAsAxonDoes(projection);

        assertThat(count(JDBC, "instructor_profile", "true")).isZero();
    }
}
