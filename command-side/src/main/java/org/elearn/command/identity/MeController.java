package org.elearn.command.identity;

import java.util.List;
import org.elearn.tenancy.Roles;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/me}: who the bearer token says you are. */
@RestController
class MeController {

    record Me(String userId, String organizationId, List<String> roles) {
    }

    @GetMapping(path = "/api/me", produces = MediaType.APPLICATION_JSON_VALUE)
    Me me(@AuthenticationPrincipal Jwt jwt) {
        return new Me(jwt.getSubject(), jwt.getClaimAsString(Roles.ORGANIZATION_CLAIM),
                jwt.getClaimAsStringList(Roles.CLAIM));
    }
}
