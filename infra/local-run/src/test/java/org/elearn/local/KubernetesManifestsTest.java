package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elearn.support.web.SideRoutes;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes Ingress (infra/k8s/base/ingress.yaml) against the route table (routes.txt, which
 * RoutesTest checks against both sides' mappings): every route reaches a backend, and a path
 * prefix goes straight to a side only when every route under it is that side's; the rest go to the
 * router, whose configuration is the topology's HAProxy file (HaproxyRoutesTest makes its routes
 * from routes.txt), copied into the Kustomize base because Kustomize reads no file outside it.
 * {@code -Droutes.write=true} refreshes the copy.
 */
class KubernetesManifestsTest {

    private static final Path BASE = Path.of("../k8s/base");
    private static final Path ROUTER_CONFIG = BASE.resolve("router/haproxy.cfg");
    private static final String ROUTER = "router";

    @Test
    void theRouterRunsTheTopologysHaproxyConfiguration() throws IOException {
        String topology = Files.readString(HaproxyRoutesTest.CONFIG);
        if (Boolean.getBoolean("routes.write")) {
            Files.writeString(ROUTER_CONFIG, topology);
        }
        assertThat(Files.readString(ROUTER_CONFIG))
                .as("infra/k8s/base/router/haproxy.cfg is infra/topology/haproxy.cfg; -Droutes.write=true copies it")
                .isEqualTo(topology);
    }

    @Test
    void everyRouteReachesItsSideThroughTheIngress() throws IOException {
        List<IngressPath> paths = ingressPaths();
        assertThat(paths).extracting(IngressPath::pathType).containsOnly("Prefix");
        for (SideRoutes.Route route : SideRoutes.all()) {
            String path = example(route.pattern());
            Optional<IngressPath> match = paths.stream().filter(p -> p.matches(path))
                    .max(Comparator.comparingInt(p -> p.path().length()));
            assertThat(match).as(route + ": no Ingress path takes " + path).isPresent();
            String service = match.get().service();
            if (!service.equals(ROUTER) && !route.side().equals(SideRoutes.BOTH)) {
                assertThat(service).as(route + " goes straight to the other side through " + match.get().path())
                        .isEqualTo(route.side());
            }
        }
        // the dashboard's and the console's static files are the query side's
        for (String file : List.of("/dashboard/index.html", "/console/index.html", "/console/core/api.js")) {
            assertThat(paths.stream().filter(p -> p.matches(file)).findFirst()).as(file)
                    .map(IngressPath::service).contains(SideRoutes.QUERY_SIDE);
        }
    }

    @Test
    void theIngressMatchesPrefixesByWholePathSegments() {
        IngressPath api = new IngressPath("/api", "Prefix", ROUTER);
        assertThat(api.matches("/api")).isTrue();
        assertThat(api.matches("/api/organizations")).isTrue();
        assertThat(api.matches("/apis")).isFalse();
        assertThat(example("/api/users/{userId}/{limit:restriction|objection}")).isEqualTo("/api/users/x1/restriction");
    }

    /** A concrete path the pattern matches: each variable a value, each alternative the first one. */
    static String example(String pattern) {
        return pattern.replaceAll("\\{[^}:]+:([^|}]+)[^}]*}", "$1").replaceAll("\\{[^}]+}", "x1");
    }

    @SuppressWarnings("unchecked")
    private static List<IngressPath> ingressPaths() throws IOException {
        Map<String, Object> ingress = new Yaml().load(Files.readString(BASE.resolve("ingress.yaml")));
        List<IngressPath> paths = new ArrayList<>();
        for (Map<String, Object> rule : (List<Map<String, Object>>) ((Map<String, Object>) ingress.get("spec")).get("rules")) {
            for (Map<String, Object> path : (List<Map<String, Object>>) ((Map<String, Object>) rule.get("http")).get("paths")) {
                Map<String, Object> service = (Map<String, Object>) ((Map<String, Object>) path.get("backend")).get("service");
                paths.add(new IngressPath((String) path.get("path"), (String) path.get("pathType"), (String) service.get("name")));
            }
        }
        return paths;
    }

    /** One Ingress path; {@code Prefix} matches whole path segments, as the Ingress API defines it. */
    record IngressPath(String path, String pathType, String service) {

        boolean matches(String requestPath) {
            return requestPath.equals(path) || requestPath.startsWith(path.endsWith("/") ? path : path + "/");
        }
    }
}
