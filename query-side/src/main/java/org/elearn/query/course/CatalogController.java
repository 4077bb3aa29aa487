package org.elearn.query.course;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.elearn.query.QueryErrors;
import org.elearn.support.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The organization's catalog (its published courses) and a course's details, for the
 * organization's members. A draft is visible only to its own instructor; another organization's
 * courses do not exist.
 */
@RestController
class CatalogController {

    private final DatabaseClient db;
    private final ObjectMapper mapper;

    CatalogController(DatabaseClient db, ObjectMapper mapper) {
        this.db = db;
        this.mapper = mapper;
    }

    @GetMapping(path = "/api/organizations/{organizationId}/catalog", produces = MediaType.APPLICATION_JSON_VALUE)
    Flux<Map<String, Object>> catalog(@PathVariable UUID organizationId, @AuthenticationPrincipal Jwt caller) {
        Caller.requireMemberOf(organizationId, caller);
        return db.sql("""
                        SELECT course_id, instructor_id, title, description, language, sections, status, published_at
                          FROM course_view WHERE organization_id = :org AND status = 'PUBLISHED' ORDER BY title""")
                .bind("org", organizationId).map(this::course).all();
    }

    @GetMapping(path = "/api/organizations/{organizationId}/courses/{courseId}",
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> course(@PathVariable UUID organizationId, @PathVariable UUID courseId,
                                     @AuthenticationPrincipal Jwt caller) {
        Caller.requireMemberOf(organizationId, caller);
        return db.sql("""
                        SELECT course_id, instructor_id, title, description, language, sections, status, published_at
                          FROM course_view WHERE organization_id = :org AND course_id = :id""")
                .bind("org", organizationId).bind("id", courseId).map(this::course).one()
                .filter(c -> !"DRAFT".equals(c.get("status")) || c.get("instructorId").toString()
                        .equals(caller.getSubject()))
                .switchIfEmpty(Mono.error(() -> QueryErrors.COURSE_NOT_FOUND.refusal("No course with this id.")));
    }

    private Map<String, Object> course(Readable row) {
        Map<String, Object> course = new LinkedHashMap<>();
        course.put("courseId", row.get("course_id", UUID.class));
        course.put("instructorId", row.get("instructor_id", UUID.class));
        course.put("title", row.get("title", String.class));
        course.put("description", row.get("description", String.class));
        course.put("language", row.get("language", String.class));
        try {
            course.put("sections", mapper.readTree(row.get("sections", Json.class).asString()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored sections are not JSON", e);
        }
        course.put("status", row.get("status", String.class));
        OffsetDateTime published = row.get("published_at", OffsetDateTime.class);
        course.put("publishedAt", published == null ? null : published.toInstant());
        return course;
    }
}
