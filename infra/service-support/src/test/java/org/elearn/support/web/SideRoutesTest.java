package org.elearn.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

/** Which side serves a request, from routes.txt: by method and path together. */
class SideRoutesTest {

    private final SideRoutes query = new SideRoutes(SideRoutes.QUERY_SIDE);
    private final SideRoutes command = new SideRoutes(SideRoutes.COMMAND_SIDE);

    @Test
    void aPathReadHereAndChangedThereIsTheOtherSidesForTheChange() {
        assertThat(query.servedElsewhere(HttpMethod.POST, path("/api/organizations/o1/invitations")))
                .map(SideRoutes.Route::side).contains(SideRoutes.COMMAND_SIDE);
        assertThat(query.servedElsewhere(HttpMethod.PUT, path("/api/organizations/o1/courses/c1")))
                .map(SideRoutes.Route::side).contains(SideRoutes.COMMAND_SIDE);
        assertThat(command.servedElsewhere(HttpMethod.GET, path("/api/organizations/o1/invitations")))
                .map(SideRoutes.Route::side).contains(SideRoutes.QUERY_SIDE);
    }

    @Test
    void whatThisSideServesOrNoSideServesIsNotElsewhere() {
        assertThat(query.servedElsewhere(HttpMethod.GET, path("/api/organizations/o1/invitations"))).isEmpty();
        assertThat(command.servedElsewhere(HttpMethod.POST, path("/api/organizations/o1/invitations"))).isEmpty();
        assertThat(query.servedElsewhere(HttpMethod.DELETE, path("/api/organizations/o1/invitations"))).isEmpty();
        assertThat(query.servedElsewhere(HttpMethod.GET, path("/api/nothing-here"))).isEmpty();
    }

    private static PathContainer path(String path) {
        return PathContainer.parsePath(path);
    }
}
