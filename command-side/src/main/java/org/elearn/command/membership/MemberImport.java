package org.elearn.command.membership;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.elearn.support.keyvault.JdbcKeyVault;
import org.elearn.command.PhoneNumbers;
import org.elearn.command.identity.AccountStore;
import org.elearn.support.privacy.EmailHasher;
import org.elearn.command.CommandErrors;
import org.elearn.support.errors.DomainException;
import org.elearn.support.web.ControlCharacters;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports members from a CSV file ({@code name,phone,email,department}, UTF-8, at most 50,000 rows),
 * streamed from disk twice: first to refuse a malformed file whole (wrong header, unbalanced quotes,
 * invalid UTF-8, too many rows), then to apply it in transactions of {@value #BATCH} rows. Valid rows
 * create or update members; invalid rows are reported by row number and a fixed reason, never by
 * their content. The same email never creates a second member of the organization, so a re-import is
 * idempotent. Rows are matched against the organization's own members only ({@link MemberAddresses}):
 * an address that belongs to an account elsewhere (another organization's member, an operator, an
 * auditor) is imported like a fresh one, and the administrator cannot tell them apart. Such a member
 * holds no login address (that stays its account's), so no address ever logs in to two accounts.
 * Blocking: call it off the event loop.
 */
@Service
record MemberImport(AccountStore accounts, MemberAddresses addresses, EmailHasher emailHasher, CommandGateway commands,
                    TransactionTemplate tx, JdbcTemplate jdbc, JdbcKeyVault keyVault) {

    static final List<String> HEADER = List.of("name", "phone", "email", "department");
    static final int MAX_ROWS = 50_000;
    static final int BATCH = 500;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile(PhoneNumbers.PATTERN);
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get();

    record Result(UUID importId, int rows, int created, int updated, int unchanged, int failed) {
    }

    private record Row(int number, String name, String phone, String email, String department, byte[] emailHash) {
    }

    private static final class Tally {
        int rows;
        int created;
        int updated;
        int unchanged;
        final List<Object[]> errors = new ArrayList<>();

        void fail(int row, String reason) {
            errors.add(new Object[] {row, reason});
        }
    }

    Result run(UUID organizationId, UUID importedBy, Path file) {
        int rows = checkStructure(file);
        UUID importId = UUID.randomUUID();
        Tally tally = new Tally();
        tally.rows = rows;
        Map<String, Integer> seen = new HashMap<>();
        List<Row> batch = new ArrayList<>(BATCH);
        read(file, record -> {
            Row row = validate(record, tally, seen);
            if (row != null) {
                batch.add(row);
                if (batch.size() == BATCH) {
                    apply(organizationId, batch, tally);
                    batch.clear();
                }
            }
        });
        apply(organizationId, batch, tally);
        record(importId, organizationId, importedBy, tally);
        return new Result(importId, tally.rows, tally.created, tally.updated, tally.unchanged, tally.errors.size());
    }

    /**
     * The first pass: a file that cannot be read as a whole, or has a cell with a control character
     * ({@link ControlCharacters}), is refused before anything is stored.
     */
    private int checkStructure(Path file) {
        int[] rows = {0};
        read(file, record -> {
            if (++rows[0] > MAX_ROWS) {
                throw CommandErrors.TOO_MANY_ROWS.refusal("An import holds at most " + MAX_ROWS + " rows.");
            }
            for (int column = 0; column < Math.min(record.size(), HEADER.size()); column++) {
                if (ControlCharacters.refused(record.get(column))) {
                    // the header is line 1
                    throw ControlCharacters.refusal("row " + (record.getRecordNumber() + 1) + " " + HEADER.get(column));
                }
            }
        });
        return rows[0];
    }

    private void read(Path file, Consumer<CSVRecord> each) {
        try (Reader reader = utf8(file); CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            if (!parser.getHeaderNames().equals(HEADER)) {
                throw CommandErrors.WRONG_CSV_HEADER.refusal(
                        "The first line must be exactly: name,phone,email,department");
            }
            for (CSVRecord record : parser) {
                each.accept(record);
            }
        } catch (UncheckedIOException | IOException e) {
            throw unreadable(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // commons-csv reports a duplicate or missing header name and broken quoting this way
            throw CommandErrors.MALFORMED_CSV.refusal("The file is not valid CSV (check the header and the quotes).");
        }
    }

    private static DomainException unreadable(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CharacterCodingException) {
                return CommandErrors.INVALID_UTF8.refusal("The file is not valid UTF-8.");
            }
        }
        return CommandErrors.MALFORMED_CSV.refusal("The file is not valid CSV (check the quotes).");
    }

    /** Strict UTF-8: a malformed byte sequence is an error, never a replacement character. A BOM is skipped. */
    private static Reader utf8(Path file) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), 64 * 1024);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    private Row validate(CSVRecord record, Tally tally, Map<String, Integer> seen) {
        int number = (int) record.getRecordNumber() + 1; // the header is line 1
        if (record.size() != HEADER.size()) {
            tally.fail(number, "expected 4 fields");
            return null;
        }
        String name = record.get(0).strip();
        String phone = record.get(1).strip();
        String email = record.get(2).strip();
        String department = record.get(3).strip();
        if (name.isEmpty() || name.length() > 200) {
            tally.fail(number, "name is missing or longer than 200 characters");
            return null;
        }
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            tally.fail(number, "invalid email");
            return null;
        }
        if (!phone.isEmpty() && !PHONE.matcher(phone).matches()) {
            tally.fail(number, "invalid phone");
            return null;
        }
        if (department.length() > 100) {
            tally.fail(number, "department longer than 100 characters");
            return null;
        }
        byte[] emailHash = emailHasher.hash(email);
        Integer first = seen.putIfAbsent(HexFormat.of().formatHex(emailHash), number);
        if (first != null) {
            tally.fail(number, "duplicate email in this file (first at row " + first + ")");
            return null;
        }
        return new Row(number, name, phone.isEmpty() ? null : phone, email, department.isEmpty() ? null : department,
                emailHash);
    }

    /**
     * One transaction and one root unit of work per batch: the addresses and lookups are read and
     * written in bulk, the new members' data keys are created in one statement, and Axon appends all
     * the batch's events together when the root unit of work commits.
     */
    private void apply(UUID organizationId, List<Row> rows, Tally tally) {
        if (rows.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(status -> {
            Map<String, UUID> existing = addresses.membersAt(organizationId, rows.stream().map(Row::emailHash).toList());
            Map<UUID, MemberRecords.Ref> members = membersOf(organizationId, existing.values());
            Map<Row, UUID> fresh = new LinkedHashMap<>();
            for (Row row : rows) {
                if (!existing.containsKey(HexFormat.of().formatHex(row.emailHash()))) {
                    fresh.put(row, UUID.randomUUID());
                }
            }
            addresses.add(fresh.entrySet().stream()
                    .map(e -> new Object[] {e.getValue(), organizationId, e.getKey().emailHash()}).toList());
            accounts.reserveFreeEmails(fresh.entrySet().stream()
                    .map(e -> Map.entry(e.getKey().emailHash(), e.getValue())).toList());
            jdbc.batchUpdate("INSERT INTO member_directory (member_id, organization_id, department, imported) "
                            + "VALUES (?, ?, ?, true)",
                    fresh.entrySet().stream()
                            .map(e -> new Object[] {e.getValue(), organizationId, e.getKey().department()}).toList());
            List<Object[]> departments = new ArrayList<>();
            for (Row row : rows) {
                UUID known = existing.get(HexFormat.of().formatHex(row.emailHash()));
                if (known != null) {
                    departments.add(new Object[] {row.department(), known});
                }
            }
            jdbc.batchUpdate("UPDATE member_directory SET department = ? WHERE member_id = ?", departments);
            keyVault.prepareKeysForWriting(fresh.values().stream().map(UUID::toString).toList());

            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            try {
                for (Row row : rows) {
                    UUID memberId = fresh.get(row);
                    if (memberId != null) {
                        commands.sendAndWait(new ImportMember(memberId, organizationId, row.name(), row.email(),
                                row.phone(), row.department()));
                        tally.created++;
                    } else {
                        UUID known = existing.get(HexFormat.of().formatHex(row.emailHash()));
                        Boolean changed = commands.sendAndWait(new ChangeMemberDetails(members.get(known), row.name(),
                                row.phone(), row.department()));
                        if (Boolean.TRUE.equals(changed)) {
                            tally.updated++;
                        } else {
                            tally.unchanged++;
                        }
                    }
                }
                unitOfWork.commit();
            } catch (RuntimeException e) {
                if (unitOfWork.isActive()) {
                    unitOfWork.rollback(e);
                }
                throw e;
            }
        });
    }

    /** Which of these accounts are already this organization's members, with their records. */
    private Map<UUID, MemberRecords.Ref> membersOf(UUID organizationId, java.util.Collection<UUID> candidates) {
        Map<UUID, MemberRecords.Ref> members = new HashMap<>();
        if (!candidates.isEmpty()) {
            jdbc.query("SELECT member_id, imported FROM member_directory WHERE organization_id = ? AND member_id = ANY (?)",
                    rs -> {
                        UUID memberId = rs.getObject(1, UUID.class);
                        members.put(memberId, MemberRecords.ref(memberId, organizationId, rs.getBoolean(2)));
                    }, organizationId, candidates.toArray(new UUID[0]));
        }
        return members;
    }

    private void record(UUID importId, UUID organizationId, UUID importedBy, Tally tally) {
        tx.executeWithoutResult(status -> {
            jdbc.update("""
                    INSERT INTO member_import (import_id, organization_id, imported_by, rows_read, created, updated,
                                               unchanged, failed)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    importId, organizationId, importedBy, tally.rows, tally.created, tally.updated, tally.unchanged,
                    tally.errors.size());
            List<Object[]> errors = tally.errors.stream().map(e -> new Object[] {importId, e[0], e[1]}).toList();
            jdbc.batchUpdate("INSERT INTO member_import_error (import_id, row_number, reason) VALUES (?, ?, ?)", errors);
        });
    }

    /** The rows an import refused, as {@code row,reason} CSV lines; reasons are fixed texts. */
    List<String> errorLines(UUID organizationId, UUID importId) {
        Boolean known = jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM member_import WHERE import_id = ? AND organization_id = ?)",
                Boolean.class, importId, organizationId);
        if (!Boolean.TRUE.equals(known)) {
            throw CommandErrors.IMPORT_NOT_FOUND.refusal("No such import.");
        }
        List<String> lines = new ArrayList<>(List.of("row,reason"));
        jdbc.query("SELECT row_number, reason FROM member_import_error WHERE import_id = ? ORDER BY row_number",
                rs -> {
                    lines.add(rs.getInt(1) + ",\"" + rs.getString(2).replace("\"", "\"\"") + "\"");
                }, importId);
        return lines;
    }
}
