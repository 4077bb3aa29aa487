package org.elearn.query.organization;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reactive reads of organizations and administrators. */
@Repository
class OrganizationRepository {

    private final DatabaseClient db;
    private final ObjectMapper mapper;

    OrganizationRepository(DatabaseClient db, ObjectMapper mapper) {
        this.db = db;
        this.mapper = mapper;
    }

    Flux<Map<String, Object>> all() {
        return db.sql("SELECT organization_id, name, data_region, registered_at FROM organization_view ORDER BY name")
                .map(OrganizationRepository::organization).all();
    }

    Mono<Map<String, Object>> byId(UUID organizationId) {
        return db.sql("SELECT organization_id, name, data_region, registered_at FROM organization_view "
                        + "WHERE organization_id = :id")
                .bind("id", organizationId).map(OrganizationRepository::organization).one();
    }

    Flux<Map<String, Object>> administrators(UUID organizationId) {
        return db.sql("""
                        SELECT administrator_id, name, email, phone, occupation, documents, status, registered_at
                          FROM administrator_view WHERE organization_id = :id ORDER BY registered_at""")
                .bind("id", organizationId)
                .map(row -> {
                    Map<String, Object> admin = new LinkedHashMap<>();
                    admin.put("administratorId", row.get("administrator_id", UUID.class));
                    admin.put("name", row.get("name", String.class));
                    admin.put("email", row.get("email", String.class));
                    admin.put("phone", row.get("phone", String.class));
                    admin.put("occupation", row.get("occupation", String.class));
                    admin.put("documents", json(row.get("documents", Json.class)));
                    admin.put("status", row.get("status", String.class));
                    admin.put("registeredAt", row.get("registered_at", OffsetDateTime.class).toInstant());
                    return admin;
                }).all();
    }

    private Object json(Json value) {
        try {
            return mapper.readTree(value.asString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored documents are not JSON", e);
        }
    }

    private static Map<String, Object> organization(Readable row) {
        Map<String, Object> organization = new LinkedHashMap<>();
        organization.put("organizationId", row.get("organization_id", UUID.class));
        organization.put("name", row.get("name", String.class));
        organization.put("dataRegion", row.get("data_region", String.class));
        organization.put("registeredAt", row.get("registered_at", OffsetDateTime.class).toInstant());
        return organization;
    }
}
