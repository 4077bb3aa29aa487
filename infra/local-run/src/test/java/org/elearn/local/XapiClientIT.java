package org.elearn.local;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A course run the way packaged content runs it: {@code src/test/xapi-client/course.mjs} drives the
 * LRS through the maintained {@code @xapi/xapi} client library (from npm, pinned by its lock file)
 * under Node.js. It checks About, launches, keeps and merges a resume point in the State resource,
 * reports activity, reads it back following {@code more} links, voids a statement and sends an
 * attachment that it reads back. {@link NodeClients} installs the library and runs the script.
 */
@ExtendWith(SharedServices.class)
class XapiClientIT {

    private static final List<String> STEPS = List.of("about", "launch", "resume point", "activity",
            "read back with more", "void a mistake", "attachment");

    private static LocalApi api;

    @BeforeAll
    static void start(LocalApi shared) {
        api = shared;
    }

    @Test
    void aCourseUsesTheLrsThroughAMaintainedClientLibrary() throws Exception {
        assumeTrue(NodeClients.available(), "Node.js and npm are not installed");
        NodeClients.runCourse(api, "course.mjs", "Acme Content", "acme.example", STEPS);
    }
}
