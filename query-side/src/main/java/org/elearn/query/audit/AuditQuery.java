package org.elearn.query.audit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.elearn.query.QueryErrors;
import org.elearn.support.errors.DomainException;
import org.elearn.support.security.Caller;
import org.elearn.tenancy.Roles;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.MultiValueMap;

/**
 * What an audit read asks for, checked: positions are global indexes ({@code from} and
 * {@code until} inclusive, the cursor {@code after} exclusive), times are ISO-8601 instants, types
 * are event type names from the contract. {@link #filter()} keeps the request as given, for the
 * record of the read.
 *
 * @param after read events after this position (the cursor; -1 for the beginning)
 * @param until read up to this position, inclusive (null: up to the head when the read starts)
 * @param limit the most lines the read sends (null: no limit), so a page such as the console's
 *              reads one screenful and resumes with {@code after}
 */
record AuditQuery(long after, Long until, Instant fromTime, Instant untilTime, String aggregate, UUID subject,
                  List<String> types, UUID organization, boolean reveal, Integer limit, Map<String, String> filter) {

    static final Set<String> PARAMETERS = Set.of("from", "after", "until", "fromTime", "untilTime", "aggregate",
            "subject", "types", "organization", "reveal", "limit");
    static final int MAX_TYPES = 64;
    static final int MAX_LIMIT = 10_000;
    private static final Pattern POSITION = Pattern.compile("\\d{1,18}");
    /** No "@": the filter is recorded in clear with the read, and must never be able to carry an email. */
    private static final Pattern AGGREGATE = Pattern.compile("[\\p{Alnum}._:-]{1,255}");

    /** Parses and checks the parameters; {@code lastEventId} (SSE) is a cursor like {@code after}. */
    static AuditQuery parse(MultiValueMap<String, String> parameters, String lastEventId, AuditEventTypes known) {
        Map<String, String> given = new LinkedHashMap<>();
        parameters.forEach((name, values) -> {
            if (!PARAMETERS.contains(name)) {
                throw invalid(name, "Unknown parameter; known: " + String.join(", ", PARAMETERS.stream().sorted().toList()) + ".");
            }
            if (values.size() != 1) {
                throw invalid(name, "Give this parameter once.");
            }
            given.put(name, values.get(0));
        });
        if (lastEventId != null) {
            given.putIfAbsent("after", lastEventId);
        }
        Long from = position(given, "from");
        Long after = position(given, "after");
        Long until = position(given, "until");
        long start = Math.max(from == null ? -1 : from - 1, after == null ? -1 : after);
        if (from != null && until != null && from > until) {
            throw invalid("until", "The range is empty: from is after until.");
        }
        Instant fromTime = time(given, "fromTime");
        Instant untilTime = time(given, "untilTime");
        if (fromTime != null && untilTime != null && fromTime.isAfter(untilTime)) {
            throw invalid("untilTime", "The range is empty: fromTime is after untilTime.");
        }
        String aggregate = given.get("aggregate");
        if (aggregate != null && !AGGREGATE.matcher(aggregate).matches()) {
            throw invalid("aggregate", "An aggregate id is 1 to 255 letters, digits and ._:- signs.");
        }
        List<String> types = given.containsKey("types") ? known.resolve(given.get("types")) : List.of();
        if (types.size() > MAX_TYPES) {
            throw invalid("types", "At most " + MAX_TYPES + " types.");
        }
        String reveal = given.getOrDefault("reveal", "false");
        if (!reveal.equals("true") && !reveal.equals("false")) {
            throw invalid("reveal", "reveal is true or false.");
        }
        Long limit = position(given, "limit");
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw invalid("limit", "limit is a number of lines from 1 to " + MAX_LIMIT + ".");
        }
        return new AuditQuery(start, until, fromTime, untilTime, aggregate, uuid(given, "subject"), types,
                uuid(given, "organization"), reveal.equals("true"), limit == null ? null : limit.intValue(), given);
    }

    /**
     * Auditors and operators read every organization; an organization's administrators read their
     * own (another organization does not exist for them); no one else reads. Revealing personal
     * data needs the {@link Roles#AUDIT_REVEAL} permission besides.
     */
    AuditQuery authorize(Jwt caller) {
        AuditQuery scoped = this;
        if (!Caller.hasRole(caller, Roles.AUDITOR) && !Caller.hasRole(caller, Roles.OPERATOR)) {
            Caller.requireAnyRole(caller, Roles.AUDITOR, Roles.OPERATOR, Roles.ORG_ADMIN);
            UUID own = UUID.fromString(Caller.organization(caller));
            if (organization != null && !organization.equals(own)) {
                throw QueryErrors.ORGANIZATION_NOT_FOUND.refusal("No organization with this id.");
            }
            scoped = new AuditQuery(after, until, fromTime, untilTime, aggregate, subject, types, own, reveal, limit,
                    filter);
        }
        if (reveal && !Caller.hasRole(caller, Roles.AUDIT_REVEAL)) {
            throw QueryErrors.REVEAL_FORBIDDEN.refusal(
                    "Revealing personal data needs the AUDIT_REVEAL permission; read without reveal=true.");
        }
        return scoped;
    }

    private static Long position(Map<String, String> given, String name) {
        String value = given.get(name);
        if (value == null) {
            return null;
        }
        if (!POSITION.matcher(value).matches()) {
            throw invalid(name, "A position is a global index: a whole number from 0, at most 18 digits.");
        }
        return Long.parseLong(value);
    }

    private static Instant time(Map<String, String> given, String name) {
        String value = given.get(name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw invalid(name, "A time is an ISO-8601 instant with an offset, such as 2026-11-25T18:00:00Z.");
        }
    }

    private static UUID uuid(Map<String, String> given, String name) {
        String value = given.get(name);
        if (value == null) {
            return null;
        }
        try {
            UUID id = UUID.fromString(value);
            if (!id.toString().equals(value.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException(value);
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw invalid(name, "Not a UUID.");
        }
    }

    static DomainException invalid(String field, String detail) {
        return QueryErrors.INVALID_AUDIT_FILTER.refusal(detail, Map.of("field", field));
    }
}
