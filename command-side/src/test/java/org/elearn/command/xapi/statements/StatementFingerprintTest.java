package org.elearn.command.xapi.statements;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.elearn.support.privacy.EmailHasher;
import org.junit.jupiter.api.Test;

/**
 * The ledger's fingerprint, written straight from the tree, is the one the ledger has always stored:
 * a statement sent again after an upgrade is still the same statement, not a conflict.
 */
class StatementFingerprintTest {

    private final ObjectMapper json = new ObjectMapper();
    private final EmailHasher hasher = new EmailHasher(new byte[32]);
    private final StatementLedger ledger = new StatementLedger(null, hasher, json);

    /** The fingerprint as it was computed: sorted maps, written by the mapper as a String. */
    private byte[] fingerprintAsBefore(ObjectNode statement) throws Exception {
        return hasher.keyedHash(json.writeValueAsString(canonical(statement, true)));
    }

    private static Object canonical(JsonNode node, boolean top) {
        if (node.isObject()) {
            Map<String, Object> sorted = new TreeMap<>();
            node.fields().forEachRemaining(field -> {
                if (!top || !Set.of("stored", "authority", "version").contains(field.getKey())) {
                    sorted.put(field.getKey(), canonical(field.getValue(), false));
                }
            });
            return sorted;
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(canonical(item, false)));
            return items;
        }
        return node;
    }

    @Test
    void theFingerprintIsTheOneStoredBefore() throws Exception {
        String[] statements = {
            """
            {"id": "2f1e7c1a-3b7d-4f0e-9a55-0d6c2b7e8f10", "version": "1.0.3", "stored": "x", "authority": {"a": 1},
             "actor": {"objectType": "Agent", "name": "Zoë \\"Q\\" O'Brien \\\\ \\u2028 \uD83D\uDE00", "mbox": "mailto:z@x.example"},
             "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered", "de": "beantwortet"}},
             "object": {"id": "https://x.example/a", "definition": {"extensions": {"https://x.example/e": [null, true, false,
                 1, -0.0, 1.5e300, 12345678901234567890, 0.1, 1E2, {"z": 1, "a": {"y": [], "b": {}}}]}}},
             "result": {"score": {"scaled": 0.95, "raw": 95, "min": 0, "max": 100}, "success": true, "response": "a/b</script>"},
             "context": {"extensions": {"https://x.example/version": "kept: not at the top"}, "registration": "2f1e7c1a-3b7d-4f0e-9a55-0d6c2b7e8f11"},
             "timestamp": "2026-12-07T19:10:00.123+01:00"}""",
            "{}",
            "{\"b\": 1, \"a\": 2, \"B\": 3, \"é\": 4, \"\": 5, \"a\\u0000\": 6}",
        };
        for (String text : statements) {
            ObjectNode statement = (ObjectNode) json.readTree(text);
            assertThat(ledger.fingerprint(statement)).as(text).isEqualTo(fingerprintAsBefore(statement));
        }
    }

    @Test
    void keyOrderAndWhatTheLrsSetsDoNotChangeIt() throws Exception {
        ObjectNode a = (ObjectNode) json.readTree("{\"verb\": {\"id\": \"v\"}, \"actor\": {\"mbox\": \"mailto:a@b\"}}");
        ObjectNode b = (ObjectNode) json.readTree(
                "{\"actor\": {\"mbox\": \"mailto:a@b\"}, \"stored\": \"s\", \"verb\": {\"id\": \"v\"}, \"version\": \"1.0.0\"}");
        ObjectNode c = (ObjectNode) json.readTree("{\"actor\": {\"mbox\": \"mailto:a@c\"}, \"verb\": {\"id\": \"v\"}}");
        assertThat(ledger.fingerprint(a)).isEqualTo(ledger.fingerprint(b)).isNotEqualTo(ledger.fingerprint(c));
    }
}
