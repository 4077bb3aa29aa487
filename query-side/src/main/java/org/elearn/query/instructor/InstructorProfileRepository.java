package org.elearn.query.instructor;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Reactive reads of {@code instructor_profile} through R2DBC. */
@Repository
class InstructorProfileRepository {

    private final DatabaseClient db;

    InstructorProfileRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<InstructorProfile> findById(UUID instructorId) {
        return db.sql("SELECT instructor_id, name, registered_at FROM instructor_profile WHERE instructor_id = :id")
                .bind("id", instructorId)
                .map((row, meta) -> new InstructorProfile(row.get("instructor_id", UUID.class),
                        row.get("name", String.class),
                        row.get("registered_at", OffsetDateTime.class).toInstant()))
                .one();
    }
}
