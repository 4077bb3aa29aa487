package org.elearn.query.instructor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.postgresql.codec.Json;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Reactive reads of {@code instructor_profile} through R2DBC. */
@Repository
class InstructorProfileRepository {

    private final DatabaseClient db;
    private final ObjectMapper mapper;

    InstructorProfileRepository(DatabaseClient db, ObjectMapper mapper) {
        this.db = db;
        this.mapper = mapper;
    }

    private JsonNode json(Json value) {
        try {
            return value == null ? null : mapper.readTree(value.asString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored profile lists are not JSON", e);
        }
    }

    Mono<InstructorProfile> findById(UUID instructorId) {
        return db.sql("""
                        SELECT instructor_id, name, registered_at, avatar_uri, gender, introduction, headline, biography,
                               language, website, social_links, country, work_experience
                          FROM instructor_profile WHERE instructor_id = :id""")
                .bind("id", instructorId)
                .map((row, meta) -> new InstructorProfile(row.get("instructor_id", UUID.class),
                        row.get("name", String.class),
                        row.get("registered_at", OffsetDateTime.class).toInstant(),
                        row.get("avatar_uri", String.class), row.get("gender", String.class),
                        row.get("introduction", String.class), row.get("headline", String.class),
                        row.get("biography", String.class), row.get("language", String.class),
                        row.get("website", String.class), json(row.get("social_links", Json.class)),
                        row.get("country", String.class), json(row.get("work_experience", Json.class))))
                .one();
    }
}
