package org.elearn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.sql.DataSource;
import org.elearn.events.privacy.KeyVault;
import org.elearn.events.privacy.PersonalDataCryptor;
import org.elearn.events.privacy.PersonalDataModel;

/**
 * {@code check-keys}: finds events sealed under a data key that is gone although its subject was
 * never erased (no key row and no erasure fence). Such events cannot be read by anyone, ever: the
 * processors park them ({@code PersonalDataIntegrityException}). A data key made inside a
 * transaction that then rolled back could be lost that way before keys entered the shared cache
 * only at commit; this check tells whether a database written by such a build holds any.
 *
 * <p>Reads the stored JSON of every event whose type has personal data, collects the subjects of
 * its sealed fields (nothing is decrypted, so no KEK is needed), then looks the subjects up in
 * {@code data_key} and {@code data_subject_erasure}. Prints counts and the global indexes of the
 * first events found, never a subject's id. Exit code 0 when none, 1 when some.
 */
public final class KeyCheck {

    public static final int SOUND = 0;
    public static final int LOST_KEYS = 1;
    private static final int FETCH_SIZE = 1_000;
    private static final int SHOWN = 20;
    private static final byte[] SEALED = "pd1:".getBytes(StandardCharsets.US_ASCII);

    /** What the check found. */
    public record Result(long eventsRead, long sealedEvents, int subjects, int subjectsWithoutKey,
                         long eventsWithoutKey, List<Long> firstEventsWithoutKey) {
    }

    private KeyCheck() {
    }

    /** Runs the check and prints its result; answers the exit code. */
    public static int run(DataSource dataSource, PrintWriter out) throws SQLException {
        Result result = check(dataSource);
        out.printf("check-keys: %d events read, %d with sealed personal data about %d subjects; %d subjects have "
                        + "neither a data key nor an erasure fence, in %d events%n", result.eventsRead(),
                result.sealedEvents(), result.subjects(), result.subjectsWithoutKey(), result.eventsWithoutKey());
        if (result.subjectsWithoutKey() > 0) {
            out.printf("first events that can never be read (global index): %s%n", result.firstEventsWithoutKey());
        }
        out.flush();
        return result.subjectsWithoutKey() == 0 ? SOUND : LOST_KEYS;
    }

    public static Result check(DataSource dataSource) throws SQLException {
        ObjectMapper json = new ObjectMapper();
        PersonalDataCryptor cryptor = new PersonalDataCryptor(NO_KEYS, json);
        Map<String, List<Long>> eventsBySubject = new HashMap<>();
        long read = 0;
        long sealed = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // a cursor: the store is read in pages, not held
            try (PreparedStatement events = c.prepareStatement("SELECT global_index, payload_type, payload "
                    + "FROM domain_event_entry ORDER BY global_index")) {
                events.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = events.executeQuery()) {
                    while (rs.next()) {
                        read++;
                        PersonalDataModel model = model(rs.getString(2));
                        byte[] payload = rs.getBytes(3);
                        if (model == null || !model.hasPersonalData() || !contains(payload, SEALED)) {
                            continue;
                        }
                        JsonNode tree = readTree(json, payload);
                        if (!(tree instanceof ObjectNode root)) {
                            continue;
                        }
                        Set<String> subjects = subjects(cryptor, root, model);
                        if (!subjects.isEmpty()) {
                            sealed++;
                        }
                        long index = rs.getLong(1);
                        subjects.forEach(subject -> eventsBySubject.computeIfAbsent(subject, s -> new ArrayList<>(1))
                                .add(index));
                    }
                }
            }
            c.commit();
            Set<String> missing = withoutKeyOrFence(c, eventsBySubject.keySet());
            List<Long> lost = missing.stream().flatMap(subject -> eventsBySubject.get(subject).stream())
                    .distinct().sorted().toList();
            return new Result(read, sealed, eventsBySubject.size(), missing.size(), lost.size(),
                    lost.subList(0, Math.min(SHOWN, lost.size())));
        }
    }

    /** The subjects with neither a data key nor an erasure fence. */
    private static Set<String> withoutKeyOrFence(Connection c, Set<String> subjects) throws SQLException {
        Set<String> missing = new HashSet<>();
        List<String> all = List.copyOf(subjects);
        for (int from = 0; from < all.size(); from += 10_000) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 10_000));
            Set<String> known = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT subject_id FROM data_key WHERE subject_id = ANY(?) "
                    + "UNION SELECT subject_id FROM data_subject_erasure WHERE subject_id = ANY(?)")) {
                java.sql.Array ids = c.createArrayOf("varchar", chunk.toArray());
                ps.setArray(1, ids);
                ps.setArray(2, ids);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        known.add(rs.getString(1));
                    }
                }
            }
            chunk.stream().filter(subject -> !known.contains(subject)).forEach(missing::add);
        }
        return missing;
    }

    private static Set<String> subjects(PersonalDataCryptor cryptor, ObjectNode root, PersonalDataModel model) {
        try {
            return cryptor.sealedSubjects(root, model);
        } catch (IllegalStateException namesNoSubject) {
            return Set.of();
        }
    }

    /** The personal-data model of a stored type, or null for a type this build does not have. */
    private static PersonalDataModel model(String payloadType) {
        try {
            return PersonalDataModel.of(Class.forName(payloadType, false, KeyCheck.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError unknown) {
            return null;
        }
    }

    private static JsonNode readTree(ObjectMapper json, byte[] payload) {
        try {
            return json.readTree(payload);
        } catch (java.io.IOException notJson) {
            return null;
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The walk never asks for a key; a vault that has none makes that certain. */
    private static final KeyVault NO_KEYS = new KeyVault() {
        @Override
        public SecretKey keyForWriting(String subjectId) {
            throw new UnsupportedOperationException("check-keys reads no key");
        }

        @Override
        public Optional<SecretKey> keyForReading(String subjectId) {
            throw new UnsupportedOperationException("check-keys reads no key");
        }

        @Override
        public boolean isErased(String subjectId) {
            throw new UnsupportedOperationException("check-keys reads no key");
        }

        @Override
        public void evict(String subjectId) {
        }
    };
}
