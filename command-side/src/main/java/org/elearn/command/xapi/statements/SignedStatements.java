package org.elearn.command.xapi.statements;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.X509CertUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elearn.command.CommandErrors;
import org.elearn.support.errors.DomainException;

/**
 * Signed statements (xAPI 1.0.3, Data 2.6): a statement's attachment with the signature usage type
 * holds a JWS in compact serialization whose payload is the statement as signed. The LRS checks that
 * the JWS is well formed, uses RS256, RS384 or RS512, that its payload is logically equivalent to
 * the statement received, and, when its header carries an {@code x5c} chain, that the signature
 * verifies with the first certificate's key. Any failure is a 400 {@code invalid-signature}.
 *
 * <p>Equivalence ignores what an LRS may set or change: {@code authority}, {@code stored},
 * {@code version}, an {@code id} or {@code timestamp} the payload does not have (one it has must be
 * the same id, the same instant), and the signature attachments the statement gained when it was
 * signed (attachments the payload lists must be the statement's others). Object member order does
 * not matter, nor the order of a Group's members, nor how a number is written.
 */
final class SignedStatements {

    static final String SIGNATURE_USAGE = "http://adlnet.gov/expapi/attachments/signature";
    static final String SIGNATURE_TYPE = "application/octet-stream";
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512);
    private static final Set<String> LRS_SET = Set.of("authority", "stored", "version");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** Scalars equal as JSON values: numbers by value, the rest as Jackson compares them. */
    private static final Comparator<JsonNode> SCALARS = (a, b) -> a.equals(b)
            || a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;

    private SignedStatements() {
    }

    /** Whether an attachment object declares a signature. */
    static boolean isSignature(JsonNode attachment) {
        return SIGNATURE_USAGE.equals(attachment.path("usageType").asText(null));
    }

    /** Checks statement {@code index}'s signature attachment and its JWS, or refuses (400). */
    static void verify(ObjectNode statement, JsonNode attachment, byte[] jws, int index) {
        if (!SIGNATURE_TYPE.equals(attachment.path("contentType").asText(null))) {
            throw invalid(index, "its signature attachment must have the contentType " + SIGNATURE_TYPE);
        }
        JWSObject signed;
        try {
            signed = JWSObject.parse(new String(jws, StandardCharsets.US_ASCII).strip());
        } catch (java.text.ParseException | RuntimeException e) {
            throw invalid(index, "its signature is not a JWS in compact serialization");
        }
        if (!ALGORITHMS.contains(signed.getHeader().getAlgorithm())) {
            throw invalid(index, "its signature must use RS256, RS384 or RS512");
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(signed.getPayload().toBytes());
        } catch (IOException | RuntimeException e) {
            throw invalid(index, "its signature's payload is not a JSON statement");
        }
        if (payload == null || !payload.isObject() || !equivalent((ObjectNode) payload, statement)) {
            throw invalid(index, "its signature's payload is not the statement received");
        }
        List<Base64> chain = signed.getHeader().getX509CertChain();
        if (chain != null && !chain.isEmpty()) {
            X509Certificate certificate = X509CertUtils.parse(chain.get(0).decode());
            if (certificate == null || !(certificate.getPublicKey() instanceof RSAPublicKey key)) {
                throw invalid(index, "its signature's x5c header does not start with an RSA certificate");
            }
            boolean valid;
            try {
                valid = signed.verify(new RSASSAVerifier(key));
            } catch (JOSEException | RuntimeException e) {
                valid = false;
            }
            if (!valid) {
                throw invalid(index, "its signature does not verify with the certificate of its x5c header");
            }
        }
    }

    /** Whether the signed payload is logically the statement received (see the class comment). */
    static boolean equivalent(ObjectNode payload, ObjectNode received) {
        ObjectNode signed = payload.deepCopy();
        ObjectNode statement = received.deepCopy();
        for (String field : LRS_SET) {
            signed.remove(field);
            statement.remove(field);
        }
        JsonNode id = signed.remove("id");
        JsonNode receivedId = statement.remove("id");
        if (id != null && (receivedId == null || !id.asText().equalsIgnoreCase(receivedId.asText()))) {
            return false;
        }
        JsonNode timestamp = signed.remove("timestamp");
        JsonNode receivedTimestamp = statement.remove("timestamp");
        if (timestamp != null && (receivedTimestamp == null || !sameInstant(timestamp, receivedTimestamp))) {
            return false;
        }
        JsonNode attachments = signed.remove("attachments");
        JsonNode receivedAttachments = statement.remove("attachments");
        ArrayNode others = JSON.createArrayNode();
        if (receivedAttachments != null && receivedAttachments.isArray()) {
            receivedAttachments.forEach(a -> {
                if (!isSignature(a)) {
                    others.add(a);
                }
            });
        }
        if (attachments != null && !attachments.equals(SCALARS, others)) {
            return false;
        }
        return sortGroupMembers(signed).equals(SCALARS, sortGroupMembers(statement));
    }

    /** The tree with every Group's {@code member} array in one order (their order does not matter). */
    private static JsonNode sortGroupMembers(JsonNode node) {
        if (node.isArray()) {
            node.forEach(SignedStatements::sortGroupMembers);
        } else if (node.isObject()) {
            node.forEach(SignedStatements::sortGroupMembers);
            JsonNode members = node.get("member");
            if ("Group".equals(node.path("objectType").asText()) && members != null && members.isArray()) {
                List<JsonNode> sorted = new java.util.ArrayList<>();
                members.forEach(sorted::add);
                sorted.sort(Comparator.comparing(SignedStatements::canonical));
                ((ArrayNode) members).removeAll().addAll(sorted);
            }
        }
        return node;
    }

    /** A node's JSON with object members in name order, numbers by value: equal nodes, equal text. */
    private static String canonical(JsonNode node) {
        if (node.isObject()) {
            java.util.TreeMap<String, String> fields = new java.util.TreeMap<>();
            node.fields().forEachRemaining(f -> fields.put(f.getKey(), canonical(f.getValue())));
            return fields.toString();
        }
        if (node.isArray()) {
            List<String> items = new java.util.ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            return items.toString();
        }
        return node.isNumber() ? node.decimalValue().stripTrailingZeros().toPlainString() : node.toString();
    }

    private static boolean sameInstant(JsonNode a, JsonNode b) {
        try {
            return OffsetDateTime.parse(a.asText()).toInstant().equals(OffsetDateTime.parse(b.asText()).toInstant());
        } catch (DateTimeParseException e) {
            return a.equals(b);
        }
    }

    private static DomainException invalid(int index, String problem) {
        return CommandErrors.INVALID_SIGNATURE.refusal("Statement " + index + ": " + problem + ".",
                Map.of("statementIndex", index));
    }
}
