package org.elearn.query.sealing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.elearn.events.privacy.KeyVault;
import org.elearn.events.privacy.SubjectCipher;
import org.elearn.query.jdbc.JsonRows;
import org.elearn.support.privacy.EmailHasher;
import org.elearn.support.secrets.SecretFiles;
import org.elearn.support.secrets.SecretsProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Personal fields of the projections at rest: sealed under the subject's data key
 * ({@link SubjectCipher}) wherever no SQL needs the clear value, so that a live row, a dead row
 * version, the WAL and a backup hold only ciphertext whose key erasure destroys. The associated
 * data is {@code table.column}. Email search goes through a blind index ({@link EmailHasher} under
 * the query side's own key, {@code <learning.secrets.dir>/projection-index-hmac.key}). What stays
 * clear, and why, is listed in docs/privacy.md.
 *
 * <p>Sealing runs in the projections (processor threads). Opening may look keys up over JDBC: the
 * reactive methods open a page at a time on {@code boundedElastic}, with one key query per page;
 * an erased subject's values read as null.
 */
@Component
public class ProjectionCipher {

    /** The sealed columns of each table. */
    private static final Map<String, Set<String>> SEALED = Map.of(
            "member_view", Set.of("email", "phone", "nickname", "gender", "employee_id", "position", "entry_date"),
            "invitation_view", Set.of("email"),
            "auditor_view", Set.of("email"),
            "administrator_view", Set.of("name", "email", "phone", "occupation", "documents"),
            "instructor_profile", Set.of("name", "avatar_uri", "gender", "introduction", "headline", "biography",
                    "language", "website", "social_links", "country", "work_experience", "phone"));
    /** Sealed columns holding JSON text: shown as JSON. */
    private static final Set<String> JSON = Set.of("documents", "social_links", "work_experience");
    /** Blind indexes: for SQL only, never shown. */
    /** The file in {@code learning.secrets.dir} holding the key of the lookup columns' keyed hashes. */
    public static final String INDEX_KEY = "projection-index-hmac.key";

    private static final Set<String> INDEXES = Set.of("email_index");
    private static final int PAGE = 256;

    private final SubjectCipher cipher;
    private final EmailHasher emailIndex;
    private final ObjectMapper mapper;

    ProjectionCipher(KeyVault vault, ObjectMapper mapper, SecretsProperties secrets) {
        this.cipher = new SubjectCipher(vault);
        this.mapper = mapper;
        this.emailIndex = new EmailHasher(Base64.getDecoder().decode(
                SecretFiles.readOrCreate(secrets.dir(), INDEX_KEY, EmailHasher::newEncodedKey)));
    }

    /** The value (text, a date, or anything JSON for a JSON column) sealed for {@code table.column}. */
    public String seal(String table, String column, UUID subject, Object value) {
        if (!SEALED.getOrDefault(table, Set.of()).contains(column)) {
            throw new IllegalArgumentException(table + "." + column + " is not a sealed column");
        }
        if (value == null) {
            return null;
        }
        String text;
        try {
            text = JSON.contains(column) ? mapper.writeValueAsString(value) : value.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + table + "." + column + " as JSON", e);
        }
        return cipher.seal(subject.toString(), table + "." + column, text);
    }

    /** The blind index of an email (keyed hash of the normalised value); null for null. */
    public byte[] emailIndex(String email) {
        return email == null ? null : emailIndex.hash(email);
    }

    /**
     * A row read with JDBC, keyed by column names, with its sealed columns opened in place and its
     * blind indexes left out; unchanged for a table without sealed columns (or null). Blocking.
     */
    public Map<String, Object> openColumns(String table, UUID subject, Map<String, Object> row) {
        if (row != null && table != null && SEALED.containsKey(table)) {
            INDEXES.forEach(row::remove);
            open(table, subject, row, Function.identity());
        }
        return row;
    }

    /**
     * Rows as the API shows them (camelCase keys, the subject's id under {@code idKey}), with the
     * sealed columns they hold opened in place: on {@code boundedElastic}, one key query for all.
     */
    public Mono<List<Map<String, Object>>> open(String table, String idKey, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return Mono.just(rows);
        }
        return Mono.fromCallable(() -> openNow(table, idKey, rows)).subscribeOn(Schedulers.boundedElastic());
    }

    /** The same, blocking: for code already off the event loop. */
    public List<Map<String, Object>> openNow(String table, String idKey, List<Map<String, Object>> rows) {
        cipher.prepare(rows.stream().map(row -> row.get(idKey)).filter(Objects::nonNull).map(Object::toString)
                .toList());
        for (Map<String, Object> row : rows) {
            open(table, (UUID) row.get(idKey), row, JsonRows::camelCase);
        }
        return rows;
    }

    /** The same for a stream of rows, a page of them at a time, in order. */
    public Flux<Map<String, Object>> open(String table, String idKey, Flux<Map<String, Object>> rows) {
        return rows.buffer(PAGE).concatMap(page -> open(table, idKey, page)).concatMapIterable(page -> page);
    }

    /**
     * One row's sealed values, opened under its subject's key: the clear text, or null for null,
     * for an erased subject or for no subject.
     */
    public final class Opener {

        private final String table;
        private final UUID subject;

        private Opener(String table, UUID subject) {
            this.table = table;
            this.subject = subject;
        }

        /** The clear text of {@code table.column}'s sealed value. */
        public String text(String column, String sealed) {
            if (!SEALED.getOrDefault(table, Set.of()).contains(column)) {
                throw new IllegalArgumentException(table + "." + column + " is not a sealed column");
            }
            return subject == null || sealed == null ? null
                    : cipher.open(subject.toString(), table + "." + column, sealed).orElse(null);
        }

        /** The same for a column holding JSON text: shown as JSON. */
        public JsonNode json(String column, String sealed) {
            return (JsonNode) ProjectionCipher.this.json(text(column, sealed));
        }
    }

    /**
     * Rows of {@code table}, read with their sealed values still sealed, opened by {@code opening}
     * (given each row and an {@link Opener} for its subject) into what the API shows: on
     * {@code boundedElastic}, one key query for all.
     */
    public <R, T> Mono<List<T>> openRows(String table, List<R> rows, Function<R, UUID> subject,
                                         BiFunction<R, Opener, T> opening) {
        if (rows.isEmpty()) {
            return Mono.just(List.of());
        }
        return Mono.fromCallable(() -> openRowsNow(table, rows, subject, opening))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** The same, blocking: for code already off the event loop. */
    public <R, T> List<T> openRowsNow(String table, List<R> rows, Function<R, UUID> subject,
                                      BiFunction<R, Opener, T> opening) {
        if (rows.isEmpty()) {
            return List.of();
        }
        cipher.prepare(rows.stream().map(subject).filter(Objects::nonNull).map(Object::toString).toList());
        return rows.stream().map(row -> opening.apply(row, new Opener(table, subject.apply(row)))).toList();
    }

    /** The same for a stream of rows, a page of them at a time, in order. */
    public <R, T> Flux<T> openRows(String table, Flux<R> rows, Function<R, UUID> subject,
                                   BiFunction<R, Opener, T> opening) {
        return rows.buffer(PAGE).concatMap(page -> openRows(table, page, subject, opening))
                .concatMapIterable(page -> page);
    }

    private void open(String table, UUID subject, Map<String, Object> row, Function<String, String> key) {
        for (String column : SEALED.get(table)) {
            String name = key.apply(column);
            if (subject != null && row.get(name) instanceof String sealed) {
                String clear = cipher.open(subject.toString(), table + "." + column, sealed).orElse(null);
                row.put(name, JSON.contains(column) ? json(clear) : clear);
            }
        }
    }

    private Object json(String text) {
        try {
            return text == null ? null : mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a sealed JSON column is not JSON", e);
        }
    }
}
