package org.elearn.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

class SideRoutesTest {

    private final SideRoutes fromTheQuerySide = new SideRoutes(SideRoutes.QUERY_SIDE);

    @Test
    void servesTellsTheSidesOfOnePathApartByMethod() {
        PathContainer profile = PathContainer.parsePath("/api/me/profile");
        assertThat(fromTheQuerySide.serves(SideRoutes.COMMAND_SIDE, HttpMethod.PUT, profile)).isTrue();
        assertThat(fromTheQuerySide.serves(SideRoutes.COMMAND_SIDE, HttpMethod.GET, profile)).isFalse();
        assertThat(fromTheQuerySide.serves(SideRoutes.QUERY_SIDE, HttpMethod.GET, profile)).isTrue();
        // the wrong-side hint still holds back where this side serves the path with another method
        assertThat(fromTheQuerySide.servedElsewhere(HttpMethod.PUT, profile)).isEmpty();
        assertThat(fromTheQuerySide.serves(SideRoutes.COMMAND_SIDE, HttpMethod.POST,
                PathContainer.parsePath("/api/users/0b3c9d1e-0000-4000-8000-000000000000/erasure"))).isTrue();
        assertThat(fromTheQuerySide.serves(SideRoutes.COMMAND_SIDE, HttpMethod.GET,
                PathContainer.parsePath("/api/organizations"))).isFalse();
        // the organization's invitations: listed here, sent there
        PathContainer invitations = PathContainer.parsePath("/api/organizations/0b3c9d1e-0000-4000-8000-000000000001/invitations");
        assertThat(fromTheQuerySide.serves(SideRoutes.COMMAND_SIDE, HttpMethod.POST, invitations)).isTrue();
        assertThat(fromTheQuerySide.serves(SideRoutes.QUERY_SIDE, HttpMethod.GET, invitations)).isTrue();
    }
}
