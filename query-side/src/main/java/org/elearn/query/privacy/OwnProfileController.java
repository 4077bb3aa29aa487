package org.elearn.query.privacy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.elearn.query.jdbc.JsonRows;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code GET /api/me/profile}: the caller's own records, as each projection holds them, in camelCase. */
@RestController
class OwnProfileController {

    private final JdbcTemplate jdbc;
    private final ProjectionCipher cipher;

    OwnProfileController(JdbcTemplate jdbc, ProjectionCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    @GetMapping(path = "/api/me/profile", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> profile(@AuthenticationPrincipal Jwt caller) {
        UUID userId = UUID.fromString(caller.getSubject());
        return Mono.fromCallable(() -> {
            Map<String, Object> profile = new LinkedHashMap<>();
            profile.put("userId", userId);
            profile.put("member", first("member_view", """
                    SELECT organization_id, name, email, phone, department, role, status, nickname, gender, employee_id,
                           position, entry_date FROM member_view WHERE member_id = ?""", userId));
            profile.put("instructor", first("instructor_profile", """
                    SELECT name, headline, introduction, language, country FROM instructor_profile
                     WHERE instructor_id = ?""", userId));
            profile.put("administrator", first("administrator_view", """
                    SELECT organization_id, name, email, phone, occupation, status FROM administrator_view
                     WHERE administrator_id = ?""", userId));
            return profile;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private Map<String, Object> first(String table, String sql, UUID userId) {
        return jdbc.queryForList(sql, userId).stream().findFirst()
                .map(row -> JsonRows.of(cipher.openColumns(table, userId, row))).orElse(null);
    }
}
