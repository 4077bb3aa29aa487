package org.elearn.query.instructor;

import static org.elearn.query.jdbc.Columns.instant;
import static org.elearn.query.jdbc.Columns.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.elearn.query.sealing.ProjectionCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The one reader of {@code instructor_profile} ({@link InstructorProfileProjection} writes it): the
 * public profile through R2DBC, and blocking through JDBC ({@code …Now}) the instructor's own view
 * and their row for the personal-data export. The sealed fields are opened off the event loop.
 */
@Component
public record InstructorQueries(DatabaseClient db, JdbcTemplate jdbc, ProjectionCipher cipher) {

    private static final String TABLE = "instructor_profile";
    private static final String PROFILE = """
            SELECT instructor_id, name, registered_at, avatar_uri, gender, introduction, headline, biography,
                   language, website, social_links, country, work_experience
              FROM instructor_profile WHERE instructor_id""";

    /** What the instructor's own profile shows of it. */
    public record OwnInstructor(String name, String phone, String headline, String introduction, String language,
                                String country) {
    }

    /** Everything {@code instructor_profile} holds about an instructor but its bookkeeping. */
    public record InstructorRecord(UUID instructorId, String name, String phone, Instant registeredAt, String avatarUri,
                                   String gender, String introduction, String headline, String biography,
                                   String language, String website, JsonNode socialLinks, String country,
                                   JsonNode workExperience) {
    }

    /** The instructor's own phone, sealed, beside their row: never read for the public profile. */
    private record SealedPhone(UUID instructorId, String phone) {

        String opened(ProjectionCipher.Opener open) {
            return open.text("phone", phone);
        }
    }

    /** A profile's row as stored, its fields sealed. */
    private record Sealed(UUID instructorId, String name, Instant registeredAt, String avatarUri, String gender,
                          String introduction, String headline, String biography, String language, String website,
                          String socialLinks, String country, String workExperience) {

        InstructorProfile opened(ProjectionCipher.Opener open) {
            return new InstructorProfile(instructorId, open.text("name", name), registeredAt,
                    open.text("avatar_uri", avatarUri), open.text("gender", gender),
                    open.text("introduction", introduction), open.text("headline", headline),
                    open.text("biography", biography), open.text("language", language),
                    open.text("website", website), open.json("social_links", socialLinks),
                    open.text("country", country), open.json("work_experience", workExperience));
        }
    }

    /** The public profile. */
    public Mono<InstructorProfile> profile(UUID instructorId) {
        return db.sql(PROFILE + " = :id").bind("id", instructorId)
                .map(InstructorQueries::sealed).one()
                .flatMap(row -> cipher.openRows(TABLE, List.of(row), Sealed::instructorId, Sealed::opened))
                .map(profiles -> profiles.get(0));
    }

    /** The whole profile, for the personal-data export; blocking. */
    public Optional<InstructorProfile> profileNow(UUID instructorId) {
        List<Sealed> rows = jdbc.query(PROFILE + " = ?", (rs, n) -> new Sealed(uuid(rs, "instructor_id"),
                rs.getString("name"), instant(rs, "registered_at"), rs.getString("avatar_uri"),
                rs.getString("gender"), rs.getString("introduction"), rs.getString("headline"),
                rs.getString("biography"), rs.getString("language"), rs.getString("website"),
                rs.getString("social_links"), rs.getString("country"), rs.getString("work_experience")),
                instructorId);
        return cipher.openRowsNow(TABLE, rows, Sealed::instructorId, Sealed::opened).stream().findFirst();
    }

    /** The instructor's own view of their profile; blocking. */
    public Optional<OwnInstructor> ownNow(UUID instructorId) {
        String phone = phoneNow(instructorId);
        return profileNow(instructorId).map(p -> new OwnInstructor(p.name(), phone, p.headline(), p.introduction(),
                p.language(), p.country()));
    }

    /** The whole row, the phone with the public fields, for the personal-data export; blocking. */
    public Optional<InstructorRecord> recordNow(UUID instructorId) {
        String phone = phoneNow(instructorId);
        return profileNow(instructorId).map(p -> new InstructorRecord(p.instructorId(), p.name(), phone,
                p.registeredAt(), p.avatarUri(), p.gender(), p.introduction(), p.headline(), p.biography(),
                p.language(), p.website(), p.socialLinks(), p.country(), p.workExperience()));
    }

    private String phoneNow(UUID instructorId) {
        List<SealedPhone> phones = jdbc.query("SELECT instructor_id, phone FROM instructor_profile WHERE instructor_id = ?",
                (rs, n) -> new SealedPhone(uuid(rs, "instructor_id"), rs.getString("phone")), instructorId);
        return cipher.openRowsNow(TABLE, phones, SealedPhone::instructorId, SealedPhone::opened).stream()
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private static Sealed sealed(Readable row) {
        return new Sealed(row.get("instructor_id", UUID.class), row.get("name", String.class),
                instant(row.get("registered_at", OffsetDateTime.class)),
                row.get("avatar_uri", String.class), row.get("gender", String.class),
                row.get("introduction", String.class), row.get("headline", String.class),
                row.get("biography", String.class), row.get("language", String.class),
                row.get("website", String.class), row.get("social_links", String.class),
                row.get("country", String.class), row.get("work_experience", String.class));
    }
}
