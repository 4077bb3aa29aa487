package org.elearn.command.xapi.statements;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.elearn.command.CommandErrors;
import org.elearn.command.privacy.SubjectDataHolder;
import org.elearn.events.privacy.SubjectCipher;
import org.elearn.support.keyvault.JdbcKeyVault;
import org.elearn.support.privacy.ErasureCompaction;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The raw data of statements' attachments. Before a batch is stored, {@link #match} pairs each
 * attachment object with the part of the request that has its SHA-2: one without a {@code fileUrl}
 * must have its part ({@code attachment-missing}), every part must be some attachment's
 * ({@code attachment-unreferenced}), and a signature attachment's JWS must hold
 * ({@link SignedStatements}). Then, in the batch's transaction, {@link #store} keeps the content of
 * each new statement's attachments in {@code xapi_attachment}, sealed under the data key of the
 * statement's actor: the content is whatever the client sent, so it is treated as their personal
 * data. Erasure destroys the key, which shreds every copy; it also deletes the rows and compacts the
 * table.
 */
@Component
public class StatementAttachments implements SubjectDataHolder {

    /** One attachment's content to store with its statement. */
    record Held(Statement statement, String sha2, byte[] content) {
    }

    private final JdbcTemplate jdbc;
    private final SubjectCipher cipher;
    private final ErasureCompaction compaction;

    StatementAttachments(JdbcTemplate jdbc, JdbcKeyVault keyVault, ErasureCompaction compaction) {
        this.jdbc = jdbc;
        this.cipher = new SubjectCipher(keyVault);
        this.compaction = compaction;
    }

    /** Pairs the batch's attachment objects with the request's parts, or refuses the batch (400). */
    static List<Held> match(List<Statement> statements, List<MultipartStatements.Part> parts) {
        Map<String, MultipartStatements.Part> bySha2 = new LinkedHashMap<>();
        parts.forEach(part -> bySha2.put(part.sha2(), part));
        Set<String> referenced = new HashSet<>();
        List<Held> held = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            Statement statement = statements.get(i);
            JsonNode attachments = statement.json().path("attachments");
            Set<String> seen = new HashSet<>();
            for (JsonNode attachment : attachments.isArray() ? attachments : Collections.<JsonNode>emptyList()) {
                String sha2 = attachment.path("sha2").asText("").toLowerCase(Locale.ROOT);
                MultipartStatements.Part part = bySha2.get(sha2);
                if (part == null && !attachment.hasNonNull("fileUrl")) {
                    throw CommandErrors.ATTACHMENT_MISSING.refusal("Statement " + i + " declares an attachment"
                            + " without a fileUrl whose content is in no part of the request (by its sha2).",
                            Map.of("statementIndex", i, "sha2", sha2));
                }
                if (part != null) {
                    referenced.add(sha2);
                    if (seen.add(sha2)) {
                        held.add(new Held(statement, sha2, part.content()));
                    }
                    if (SignedStatements.isSignature(attachment)) {
                        SignedStatements.verify(statement.json(), attachment, part.content(), i);
                    }
                }
            }
        }
        for (String sha2 : bySha2.keySet()) {
            if (!referenced.contains(sha2)) {
                throw CommandErrors.ATTACHMENT_UNREFERENCED.refusal("A part of the request (sha2 " + sha2
                        + ") is the content of no attachment of the statements.", Map.of("sha2", sha2));
            }
        }
        return held;
    }

    /**
     * In the batch's transaction, after the ids were claimed: stores the content of the new
     * statements' attachments, sealed under their actors' keys (made ready for writing).
     */
    void store(UUID organizationId, List<Statement> fresh, Map<Statement, UUID> subjects, List<Held> held) {
        if (held.isEmpty()) {
            return;
        }
        Set<Statement> isNew = Collections.newSetFromMap(new IdentityHashMap<>());
        isNew.addAll(fresh);
        List<Object[]> rows = new ArrayList<>();
        for (Held h : held) {
            if (isNew.contains(h.statement())) {
                UUID subject = subjects.get(h.statement());
                byte[] sealed = cipher.sealBytes(subject.toString(),
                        field(organizationId, h.statement().id(), h.sha2()), h.content());
                if (sealed != null) {
                    rows.add(new Object[] {organizationId, h.statement().id(), h.sha2(), subject, sealed});
                }
            }
        }
        jdbc.batchUpdate("INSERT INTO xapi_attachment (organization_id, statement_id, sha2, subject_id, content) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", rows);
    }

    /**
     * The clear content of a statement's attachments, by SHA-2; none once its actor is erased.
     * Blocking: call it off the event loop.
     */
    Map<String, byte[]> contents(UUID organizationId, UUID statementId) {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        jdbc.query("SELECT sha2, subject_id, content FROM xapi_attachment WHERE organization_id = ? "
                + "AND statement_id = ? ORDER BY sha2", rs -> {
                    String sha2 = rs.getString(1);
                    Optional<byte[]> content = cipher.openBytes(rs.getObject(2, UUID.class).toString(),
                            field(organizationId, statementId, sha2), rs.getBytes(3));
                    content.ifPresent(bytes -> contents.put(sha2, bytes));
                }, organizationId, statementId);
        return contents;
    }

    /** One of a subject's attachments, in clear, for their personal-data export. */
    public record SubjectAttachment(UUID organizationId, UUID statementId, String sha2, byte[] content) {
    }

    /**
     * The content of every attachment of the statements whose actor is the subject, that their key
     * still opens (none once they are erased). Blocking.
     */
    public List<SubjectAttachment> ofSubject(UUID subjectId) {
        List<SubjectAttachment> attachments = new ArrayList<>();
        jdbc.query("SELECT organization_id, statement_id, sha2, content FROM xapi_attachment WHERE subject_id = ?"
                + " ORDER BY organization_id, statement_id, sha2", rs -> {
                    UUID organizationId = rs.getObject(1, UUID.class);
                    UUID statementId = rs.getObject(2, UUID.class);
                    String sha2 = rs.getString(3);
                    cipher.openBytes(subjectId.toString(), field(organizationId, statementId, sha2), rs.getBytes(4))
                            .ifPresent(content -> attachments.add(
                                    new SubjectAttachment(organizationId, statementId, sha2, content)));
                }, subjectId);
        return attachments;
    }

    /**
     * Erasure: the subject's attachments go, and the table is compacted after the erasure commits,
     * so that no dead row keeps their hashes (which could confirm a guessed content) or their sealed
     * content, as for documents.
     */
    @Override
    public void forget(UUID subjectId) {
        if (jdbc.update("DELETE FROM xapi_attachment WHERE subject_id = ?", subjectId) > 0) {
            compaction.requestAfterCommit(List.of("xapi_attachment"));
        }
    }

    /** The associated data of a sealed content: it cannot be moved to another statement or hash. */
    private static String field(UUID organizationId, UUID statementId, String sha2) {
        return "xapi_attachment:" + organizationId + ":" + statementId + ":" + sha2;
    }
}
