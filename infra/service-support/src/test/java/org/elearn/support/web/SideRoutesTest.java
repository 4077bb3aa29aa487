package org.elearn.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

class SideRoutesTest {

    private final SideRoutes fromQuerySide = new SideRoutes(SideRoutes.QUERY_SIDE);

    @Test
    void listsARouteByMethodWhereBothSidesServeThePath() {
        PathContainer organizations = PathContainer.parsePath("/api/organizations");
        assertThat(fromQuerySide.lists(SideRoutes.COMMAND_SIDE, HttpMethod.POST, organizations)).isTrue();
        assertThat(fromQuerySide.lists(SideRoutes.COMMAND_SIDE, HttpMethod.GET, organizations)).isFalse();
        assertThat(fromQuerySide.lists(SideRoutes.QUERY_SIDE, HttpMethod.GET, organizations)).isTrue();
        // the other side's route is still not "served elsewhere" for the wrong-side answer: this side has the path
        assertThat(fromQuerySide.servedElsewhere(HttpMethod.POST, organizations)).isEmpty();
    }

    @Test
    void listsNoRouteForAnUnknownPathOrMethod() {
        assertThat(fromQuerySide.lists(SideRoutes.COMMAND_SIDE, HttpMethod.DELETE,
                PathContainer.parsePath("/api/organizations"))).isFalse();
        assertThat(fromQuerySide.lists(SideRoutes.COMMAND_SIDE, HttpMethod.GET,
                PathContainer.parsePath("/api/no-such-route"))).isFalse();
    }
}
