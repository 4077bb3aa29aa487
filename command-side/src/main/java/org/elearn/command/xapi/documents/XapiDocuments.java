package org.elearn.command.xapi.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.elearn.command.CommandErrors;
import org.elearn.command.privacy.SubjectDataHolder;
import org.elearn.command.restriction.ProcessingLimits;
import org.elearn.command.xapi.agents.XapiAgents;
import org.elearn.command.xapi.credentials.IngestionCredentials;
import org.elearn.events.privacy.SubjectCipher;
import org.elearn.events.privacy.SubjectErasedException;
import org.elearn.support.keyvault.JdbcKeyVault;
import org.elearn.support.privacy.ErasureCompaction;
import org.elearn.support.web.StrictJsonAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The xAPI documents (State, Activity Profile, Agent Profile) of each organization, in
 * {@code xapi_document}. A document's content is stored only sealed ({@link SubjectCipher}): under the
 * data key of the agent's subject for State and Agent Profile documents, so that erasing the agent
 * destroys them with everything else of theirs, and under a key of the organization's own for
 * Activity Profile documents, which belong to no person. Each write takes a per-document advisory
 * lock, so concurrent writers of one document are serialised and the preconditions hold. Erasure
 * deletes the subject's rows ({@link SubjectDataHolder}) and has the table compacted. Blocking: call
 * it off the event loop.
 */
@Service
class XapiDocuments implements SubjectDataHolder {

    static final String TABLE = "xapi_document";

    enum Kind {
        STATE("state"), ACTIVITY_PROFILE("activity-profile"), AGENT_PROFILE("agent-profile");

        final String column;

        Kind(String column) {
            this.column = column;
        }
    }

    /**
     * Where documents live: {@code name} null names every document there (an ids list, a delete of
     * all State documents). An agent's documents are found by their subject, so every identifier
     * that resolves to the same member finds the same documents.
     *
     * @param activityId   the activity; empty for an Agent Profile
     * @param agent        the agent as given; null for an Activity Profile
     * @param registration a State document's registration, or null
     */
    record Address(Kind kind, String activityId, JsonNode agent, UUID registration, String name) {
    }

    /** A document in clear. */
    record Document(byte[] content, String contentType, Instant updated) {

        /** The quoted SHA-1 hex of the content, as xAPI asks. */
        String etag() {
            return "\"" + HexFormat.of().formatHex(digest("SHA-1", content)) + "\"";
        }
    }

    /**
     * The request's {@code If-Match} and {@code If-None-Match} entity tags (quoted, or {@code *});
     * null when the header is absent.
     */
    record Preconditions(Set<String> ifMatch, Set<String> ifNoneMatch) {

        static final Preconditions NONE = new Preconditions(null, null);
    }

    /** What a request may do to the agent's data: read it, delete it, or store new data. */
    private enum Use { READ, DELETE, STORE }

    /** Whose documents and under which key: the subject, or for an Activity Profile the organization. */
    private record Owner(UUID subjectId, String keySubject) {
    }

    private record Row(UUID id, Document document) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final XapiAgents agents;
    private final ProcessingLimits limits;
    private final JdbcKeyVault keyVault;
    private final SubjectCipher cipher;
    private final ErasureCompaction compaction;
    private final ObjectMapper json;
    private final Clock clock;

    XapiDocuments(JdbcTemplate jdbc, TransactionTemplate tx, XapiAgents agents, ProcessingLimits limits,
                  JdbcKeyVault keyVault, ErasureCompaction compaction, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.agents = agents;
        this.limits = limits;
        this.keyVault = keyVault;
        this.cipher = new SubjectCipher(keyVault);
        this.compaction = compaction;
        this.json = StrictJsonAutoConfiguration.forRequests(json);
        this.clock = clock;
    }

    /**
     * Stores a document (PUT), or merges a JSON object into the stored one (POST; a POST of a document
     * not stored yet stores it), once the preconditions hold. A profile PUT on an existing document must carry one of them (409 without).
     */
    void write(IngestionCredentials.Credential credential, Address address, byte[] content, String contentType,
               Preconditions preconditions, boolean merge) {
        tx.executeWithoutResult(status -> {
            Owner owner = owner(credential, address, Use.STORE);
            byte[] hash = addressHash(credential.organizationId(), owner, address);
            if (address.kind() == Kind.STATE && !merge && preconditions.ifMatch() == null
                    && preconditions.ifNoneMatch() == null) {
                replace(credential.organizationId(), owner, address, hash, content, contentType);
                return;
            }
            lock(hash);
            Optional<Row> current = load(owner, hash);
            check(preconditions, current.map(Row::document), address.kind() != Kind.STATE && !merge);
            boolean merges = merge && current.isPresent();
            if (merge && current.isEmpty()) {
                postable(content, contentType);
            }
            byte[] stored = merges ? merged(current.get().document(), content, contentType) : content;
            String storedType = merges || merge && isJson(contentType) ? "application/json" : contentType;
            UUID id = current.map(Row::id).orElseGet(UUID::randomUUID);
            byte[] sealed = cipher.sealBytes(owner.keySubject(), field(id), stored);
            if (sealed == null) { // erased meanwhile: nothing of theirs is stored again
                throw erased();
            }
            Timestamp now = Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS));
            if (current.isPresent()) {
                jdbc.update("UPDATE xapi_document SET content_type = ?, content = ?, updated_at = ? WHERE document_id = ?",
                        storedType, sealed, now, id);
            } else {
                jdbc.update("""
                        INSERT INTO xapi_document (document_id, organization_id, kind, subject_id, activity_id,
                                                   registration, name, address_sha256, content_type, content, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, credential.organizationId(),
                        address.kind().column, owner.subjectId(), address.activityId(), address.registration(),
                        address.name(), hash, storedType, sealed, now);
            }
        });
    }

    /**
     * A State PUT without preconditions replaces whatever is there, so it needs neither the current
     * document nor a round trip of its own for the lock: one statement takes the document's lock (so
     * writers that read first stay serialised with it) and inserts or replaces the row. The row takes
     * a fresh id, which the sealed content is bound to.
     */
    private void replace(UUID organizationId, Owner owner, Address address, byte[] hash, byte[] content,
                         String contentType) {
        UUID id = UUID.randomUUID();
        byte[] sealed = cipher.sealBytes(owner.keySubject(), field(id), content);
        if (sealed == null) { // erased meanwhile: nothing of theirs is stored again
            throw erased();
        }
        jdbc.update("""
                INSERT INTO xapi_document (document_id, organization_id, kind, subject_id, activity_id, registration, name,
                                           address_sha256, content_type, content, updated_at)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM (SELECT pg_advisory_xact_lock(hashtextextended(?, 11))) lock
                ON CONFLICT (address_sha256) DO UPDATE SET document_id = EXCLUDED.document_id,
                    content_type = EXCLUDED.content_type, content = EXCLUDED.content, updated_at = EXCLUDED.updated_at""",
                id, organizationId, address.kind().column, owner.subjectId(), address.activityId(),
                address.registration(), address.name(), hash, contentType, sealed,
                Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)), lockKey(hash));
    }

    /** One document, in clear; empty when there is none (an erased agent has none). */
    Optional<Document> read(UUID organizationId, Address address) {
        Owner owner = owner(organizationId, address);
        return load(owner, addressHash(organizationId, owner, address)).map(Row::document);
    }

    /** The names (stateId or profileId) of the documents at the address, stored after {@code since} if given. */
    List<String> ids(UUID organizationId, Address address, Instant since) {
        Owner owner = owner(organizationId, address);
        List<Object> args = new ArrayList<>(where(organizationId, owner, address));
        String sql = "SELECT name FROM xapi_document WHERE " + WHERE + registration(address, args)
                + (since == null ? "" : " AND updated_at > ?") + " ORDER BY name";
        if (since != null) {
            args.add(Timestamp.from(since));
        }
        return jdbc.queryForList(sql, String.class, args.toArray());
    }

    /**
     * Deletes one document (honouring {@code If-Match}), or with no name every State document of the
     * activity and agent (of the registration, if given).
     */
    void delete(IngestionCredentials.Credential credential, Address address, Preconditions preconditions) {
        tx.executeWithoutResult(status -> {
            Owner owner = owner(credential, address, Use.DELETE);
            if (address.name() == null) {
                List<Object> args = new ArrayList<>(where(credential.organizationId(), owner, address));
                jdbc.update("DELETE FROM xapi_document WHERE " + WHERE + registration(address, args), args.toArray());
                return;
            }
            byte[] hash = addressHash(credential.organizationId(), owner, address);
            if (preconditions.ifMatch() != null || preconditions.ifNoneMatch() != null) {
                lock(hash);
                check(preconditions, load(owner, hash).map(Row::document), false);
            }
            jdbc.update("DELETE FROM xapi_document WHERE address_sha256 = ?", (Object) hash);
        });
    }

    /**
     * One of a subject's documents, in clear, for their personal-data export.
     *
     * @param kind         {@code state} or {@code agent-profile}
     * @param activityId   the State document's activity; empty for an Agent Profile
     * @param registration the State document's registration, or null
     * @param name         the stateId or profileId
     */
    record SubjectDocument(UUID organizationId, String kind, String activityId, UUID registration, String name,
                           String contentType, Instant updated, byte[] content) {
    }

    /**
     * Every State and Agent Profile document of the subject that their key still opens (none once
     * they are erased), by organization, kind and address. Blocking.
     */
    List<SubjectDocument> ofSubject(UUID subjectId) {
        List<SubjectDocument> documents = new ArrayList<>();
        jdbc.query("""
                SELECT document_id, organization_id, kind, activity_id, registration, name, content_type, updated_at,
                       content
                  FROM xapi_document WHERE subject_id = ?
                 ORDER BY organization_id, kind DESC, activity_id, name, registration NULLS FIRST""", rs -> {
            UUID id = rs.getObject(1, UUID.class);
            SubjectDocument found = new SubjectDocument(rs.getObject(2, UUID.class), rs.getString(3),
                    rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6), rs.getString(7),
                    rs.getTimestamp(8).toInstant(), null);
            cipher.openBytes(subjectId.toString(), field(id), rs.getBytes(9)).ifPresent(content -> documents.add(
                    new SubjectDocument(found.organizationId(), found.kind(), found.activityId(), found.registration(),
                            found.name(), found.contentType(), found.updated(), content)));
        }, subjectId);
        return documents;
    }

    /** Erasure: the subject's documents go, and the table is compacted after the erasure commits. */
    @Override
    public void forget(UUID subjectId) {
        if (jdbc.update("DELETE FROM xapi_document WHERE subject_id = ?", subjectId) > 0) {
            compaction.requestAfterCommit(List.of(TABLE));
        }
    }

    private static final String WHERE =
            "organization_id = ? AND kind = ? AND subject_id IS NOT DISTINCT FROM ? AND activity_id = ?";

    private static List<Object> where(UUID organizationId, Owner owner, Address address) {
        List<Object> args = new ArrayList<>();
        args.add(organizationId);
        args.add(address.kind().column);
        args.add(owner.subjectId());
        args.add(address.activityId());
        return args;
    }

    /** A list or a delete of all State documents takes every registration unless one is given. */
    private static String registration(Address address, List<Object> args) {
        if (address.registration() == null) {
            return "";
        }
        args.add(address.registration());
        return " AND registration = ?";
    }

    /** For reading: the documents' owner, without refusing anyone (an erased agent simply has none). */
    private Owner owner(UUID organizationId, Address address) {
        if (address.agent() == null) {
            return new Owner(null, organizationId.toString());
        }
        XapiAgents.NamedAgent agent = agents.resolve(organizationId, address.agent(), "agent");
        return new Owner(agent.subjectId(), agent.subjectId().toString());
    }

    /** For a change: the owner, refused as ingestion refuses statements about them. */
    private Owner owner(IngestionCredentials.Credential credential, Address address, Use use) {
        if (address.agent() == null) {
            return owner(credential.organizationId(), address);
        }
        XapiAgents.NamedAgent agent = agents.resolve(credential.organizationId(), address.agent(), "agent");
        if (use == Use.STORE && agent.erased()) {
            throw erased();
        }
        if (credential.refusesUnknownActors() && !agent.member()) {
            throw CommandErrors.UNKNOWN_ACTOR.refusal(
                    "This credential accepts the organization's members only; the agent is someone else.");
        }
        if (agent.deactivated()) {
            throw CommandErrors.MEMBER_DEACTIVATED.refusal(
                    "The agent is a member whose organization deactivated them; nothing was changed.");
        }
        if (!limits.restrictedAmong(Set.of(agent.subjectId())).isEmpty()) {
            throw CommandErrors.PROCESSING_RESTRICTED.refusal(
                    "The agent's processing is restricted: their data is kept, not changed, until the restriction "
                            + "is lifted.");
        }
        if (use == Use.STORE) {
            // the key the content is sealed under, ready before anything is read or locked; usually
            // cached, so no round trip. An erased subject has none, and gets none again.
            try {
                keyVault.keyForWriting(agent.subjectId().toString());
            } catch (SubjectErasedException e) {
                throw erased();
            }
        }
        return new Owner(agent.subjectId(), agent.subjectId().toString());
    }

    /** Serialises the writers of one document, until the transaction ends. */
    private void lock(byte[] hash) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtextextended(?, 11))", lockKey(hash));
    }

    private static String lockKey(byte[] hash) {
        return "xapi-document:" + HexFormat.of().formatHex(hash);
    }

    private static RuntimeException erased() {
        return CommandErrors.SUBJECT_ERASED.refusal(
                "This agent's personal data was erased; no document about them is stored again.");
    }

    private Optional<Row> load(Owner owner, byte[] hash) {
        return jdbc.query("SELECT document_id, content_type, content, updated_at FROM xapi_document WHERE address_sha256 = ?",
                (rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    String type = rs.getString(2);
                    Instant updated = rs.getTimestamp(4).toInstant();
                    return cipher.openBytes(owner.keySubject(), field(id), rs.getBytes(3))
                            .map(content -> new Row(id, new Document(content, type, updated)));
                }, (Object) hash).stream().flatMap(Optional::stream).findFirst();
    }

    /**
     * xAPI's concurrency rules: {@code If-Match} needs the document with one of the tags (or any, for
     * {@code *}), {@code If-None-Match} needs it absent (for {@code *}) or with none of the tags (412
     * otherwise); {@code required}: an existing document may be replaced only with one of them (409).
     */
    private static void check(Preconditions preconditions, Optional<Document> current, boolean required) {
        Optional<String> etag = current.map(Document::etag);
        Set<String> ifMatch = preconditions.ifMatch();
        if (ifMatch != null && (etag.isEmpty() || !ifMatch.contains("*") && !ifMatch.contains(etag.get()))) {
            throw CommandErrors.PRECONDITION_FAILED.refusal(etag.isEmpty()
                    ? "If-Match: there is no such document. Nothing was changed."
                    : "If-Match: the document has changed (its ETag is " + etag.get() + "). Nothing was changed.");
        }
        Set<String> ifNoneMatch = preconditions.ifNoneMatch();
        if (ifNoneMatch != null && etag.isPresent() && (ifNoneMatch.contains("*") || ifNoneMatch.contains(etag.get()))) {
            throw CommandErrors.PRECONDITION_FAILED.refusal(
                    "If-None-Match: the document exists (its ETag is " + etag.get() + "). Nothing was changed.");
        }
        if (required && current.isPresent() && ifMatch == null && ifNoneMatch == null) {
            throw CommandErrors.DOCUMENT_EXISTS.refusal("The document exists: replacing it needs If-Match with its "
                    + "ETag (" + etag.get() + "), or If-None-Match: * to create it only if absent. Nothing was changed.");
        }
    }

    /**
     * A POST of a document not stored yet is stored as a PUT would store it (xAPI 1.0.3, Communication
     * 2.2), whatever its type; but it must be something, and JSON must be a JSON object.
     */
    private void postable(byte[] content, String contentType) {
        if (content.length == 0) {
            throw CommandErrors.DOCUMENT_NOT_MERGEABLE.refusal("A POST carries the document to store or merge; "
                    + "this one is empty. Nothing was changed.");
        }
        if (isJson(contentType)) {
            jsonObject(content, contentType, "The posted document");
        }
    }

    /** POST onto a stored document: the stored JSON object with the new one's top-level properties set over it. */
    private byte[] merged(Document current, byte[] content, String contentType) {
        ObjectNode posted = jsonObject(content, contentType, "The posted document");
        ObjectNode stored = jsonObject(current.content(), current.contentType(), "The stored document");
        stored.setAll(posted);
        try {
            return json.writeValueAsBytes(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always writes", e);
        }
    }

    private ObjectNode jsonObject(byte[] content, String contentType, String which) {
        if (!isJson(contentType)) {
            throw CommandErrors.DOCUMENT_NOT_MERGEABLE.refusal(which + " is not application/json: POST merges JSON "
                    + "objects only; use PUT to replace it. Nothing was changed.");
        }
        try {
            JsonNode node = json.readTree(content);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException notJson) {
            // refused below
        }
        throw CommandErrors.DOCUMENT_NOT_MERGEABLE.refusal(which + " is not a JSON object: POST merges JSON objects "
                + "only; use PUT to replace it. Nothing was changed.");
    }

    static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    /** The associated data of a document's content: bound to its row, so it cannot be moved to another. */
    private static String field(UUID documentId) {
        return TABLE + ".content:" + documentId;
    }

    private static byte[] addressHash(UUID organizationId, Owner owner, Address address) {
        String text = String.join("\u0000", organizationId.toString(), address.kind().column,
                String.valueOf(owner.subjectId()), address.activityId(), String.valueOf(address.registration()),
                address.name());
        return digest("SHA-256", text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }
}
