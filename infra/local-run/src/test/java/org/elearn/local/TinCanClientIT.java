package org.elearn.local;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A course run as content built on TinCanJS 0.50.0 (npm {@code tincanjs}, pinned by the lock file of
 * {@code src/test/xapi-client}) runs it, under Node.js: {@code tincan.mjs} uses {@code TinCan.LRS}
 * with Basic auth over the organization's ingestion credential for About, a launch from an LMS's
 * launch URL (statement, merged State, query), a statement saved alone and a batch with an
 * interaction, a statement by id, a query read page by page through {@code more}, a statement voided
 * and served by {@code voidedStatementId}, the State resource with its ETags (a stale one refused),
 * its ids and deletes, an Activity Profile and an Agent Profile with their ids and deletes, and a text
 * attachment read back. Two steps check the limits docs/xapi.md names: a binary attachment, which
 * TinCanJS under Node.js sends altered, is refused, and so are a query and a State read carrying a
 * launch parameter of the LMS's own. Each step checks what the library answered and prints {@code ok <step>:};
 * {@link NodeClients} installs the library and runs it.
 */
@ExtendWith(SharedServices.class)
class TinCanClientIT {

    private static final List<String> STEPS = List.of("about", "launch", "saveStatement", "saveStatements",
            "retrieveStatement", "queryStatements with more", "retrieveVoidedStatement", "state with ETags",
            "retrieveStateIds", "dropState", "activity profile", "agent profile", "text attachment",
            "known limit: binary attachment", "known limit: launch parameters of the LMS");

    private static LocalApi api;

    @BeforeAll
    static void start(LocalApi shared) {
        api = shared;
    }

    @Test
    void aCourseUsesTheLrsThroughTinCanJs() throws Exception {
        assumeTrue(NodeClients.available(), "Node.js and npm are not installed");
        NodeClients.runCourse(api, "tincan.mjs", "Acme TinCan", "acme-tincan.example", STEPS);
    }
}
