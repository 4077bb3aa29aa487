package org.elearn.query.instructor;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.query.jdbc.JsonRows;
import org.elearn.query.privacy.ProjectionCipher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Reactive reads of {@code instructor_profile} through R2DBC, the sealed fields opened off the event loop. */
@Repository
class InstructorProfileRepository {

    private static final List<String> SEALED = List.of("name", "avatar_uri", "gender", "introduction", "headline",
            "biography", "language", "website", "social_links", "country", "work_experience");

    private final DatabaseClient db;
    private final ProjectionCipher cipher;

    InstructorProfileRepository(DatabaseClient db, ProjectionCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    Mono<InstructorProfile> findById(UUID instructorId) {
        return db.sql("""
                        SELECT instructor_id, name, registered_at, avatar_uri, gender, introduction, headline, biography,
                               language, website, social_links, country, work_experience
                          FROM instructor_profile WHERE instructor_id = :id""")
                .bind("id", instructorId)
                .map((row, meta) -> {
                    Map<String, Object> profile = new LinkedHashMap<>();
                    profile.put("instructorId", row.get("instructor_id", UUID.class));
                    profile.put("registeredAt", row.get("registered_at", OffsetDateTime.class).toInstant());
                    SEALED.forEach(column -> profile.put(JsonRows.camelCase(column), row.get(column, String.class)));
                    return profile;
                })
                .one()
                .flatMap(row -> cipher.open("instructor_profile", "instructorId", List.of(row)))
                .map(rows -> profile(rows.get(0)));
    }

    private static InstructorProfile profile(Map<String, Object> row) {
        return new InstructorProfile((UUID) row.get("instructorId"), (String) row.get("name"),
                (java.time.Instant) row.get("registeredAt"), (String) row.get("avatarUri"), (String) row.get("gender"),
                (String) row.get("introduction"), (String) row.get("headline"), (String) row.get("biography"),
                (String) row.get("language"), (String) row.get("website"), (JsonNode) row.get("socialLinks"),
                (String) row.get("country"), (JsonNode) row.get("workExperience"));
    }
}
