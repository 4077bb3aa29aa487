package org.elearn.query.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.elearn.query.QueryErrors;
import org.elearn.support.security.Caller;
import org.elearn.support.web.ConcurrencyGate;
import org.elearn.tenancy.Roles;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The audit endpoints, for auditors and operators only:
 * <ul>
 *   <li>{@code GET /api/audit/verify?from=&to=}: re-checks the history against the chain and the
 *       signed checkpoints ({@link HistoryVerifier});</li>
 *   <li>{@code GET /api/audit/checkpoints?from=&limit=}: the signed checkpoints, to copy out and
 *       keep elsewhere;</li>
 *   <li>{@code GET /api/audit/signing-key}: the public key that verifies them.</li>
 * </ul>
 * JDBC runs on the bounded elastic scheduler, never on the event loop.
 */
@RestController
class TamperEvidenceController {

    private final HistoryVerifier verifier;
    private final AuditSigningKey key;
    private final DataSource dataSource;
    private final ConcurrencyGate verifications;

    TamperEvidenceController(HistoryVerifier verifier, AuditSigningKey key, DataSource dataSource,
                             @Qualifier("verificationGate") ConcurrencyGate verifications) {
        this.verifier = verifier;
        this.key = key;
        this.dataSource = dataSource;
        this.verifications = verifications;
    }

    @GetMapping(path = "/api/audit/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<HistoryVerifier.Result> verify(@RequestParam(required = false) @PositiveOrZero Long from,
                                        @RequestParam(required = false) @PositiveOrZero Long to,
                                        @AuthenticationPrincipal Jwt caller) {
        requireAuditor(caller);
        if (from != null && to != null && from > to) {
            return Mono.error(QueryErrors.INVALID_RANGE.refusal("from must not be after to."));
        }
        return verifications.guard("verifications-busy",
                "Other verifications are running on this instance; nothing was started. Try again shortly.",
                Mono.fromCallable(() -> verifier.verify(from, to)).subscribeOn(Schedulers.boundedElastic()));
    }

    @GetMapping(path = "/api/audit/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<Map<String, Object>>> checkpoints(@RequestParam(defaultValue = "0") @PositiveOrZero long from,
                                                @RequestParam(defaultValue = "1000") @Min(1) @Max(10_000) int limit,
                                                @AuthenticationPrincipal Jwt caller) {
        requireAuditor(caller);
        return Mono.fromCallable(() -> checkpoints(from, limit)).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping(path = "/api/audit/signing-key", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> signingKey(@AuthenticationPrincipal Jwt caller) {
        requireAuditor(caller);
        return Map.of("keyId", key.keyId(), "algorithm", AuditSigningKey.ALGORITHM,
                "publicKey", Base64.getEncoder().encodeToString(key.publicKey().getEncoded()));
    }

    private static void requireAuditor(Jwt caller) {
        Caller.requireAnyRole(caller, Roles.AUDITOR, Roles.OPERATOR);
    }

    /** Checkpoints at or after {@code from}, in order, with the exact text each signature covers. */
    private List<Map<String, Object>> checkpoints(long from, int limit) throws java.sql.SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + Checkpoint.COLUMNS
                     + " FROM audit_checkpoint WHERE global_index >= ? ORDER BY global_index LIMIT ?")) {
            ps.setLong(1, from);
            ps.setInt(2, limit);
            List<Map<String, Object>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Checkpoint checkpoint = Checkpoint.read(rs);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("globalIndex", checkpoint.globalIndex());
                    row.put("sealedCount", checkpoint.sealedCount());
                    row.put("chainHash", HexFormat.of().formatHex(checkpoint.chainHash()));
                    row.put("signedAt", checkpoint.signedAt().toString());
                    row.put("keyId", checkpoint.keyId());
                    row.put("algorithm", checkpoint.algorithm());
                    row.put("signature", Base64.getEncoder().encodeToString(checkpoint.signature()));
                    row.put("signedText", checkpoint.signedText());
                    out.add(row);
                }
            }
            return out;
        }
    }
}
