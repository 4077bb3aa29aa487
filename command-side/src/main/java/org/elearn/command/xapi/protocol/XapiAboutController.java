package org.elearn.command.xapi.protocol;

import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * xAPI's About resource: the versions this LRS speaks, newest first, and no extensions. Public (no
 * credential), and answered without a version header, since a client asks it which version to send.
 */
@RestController
class XapiAboutController {

    static final String PATH = "/xapi/about";
    private static final Map<String, Object> ABOUT =
            Map.of("version", List.of("1.0.3", "1.0.2", "1.0.1", "1.0.0"), "extensions", Map.of());

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> about() {
        return ABOUT;
    }
}
