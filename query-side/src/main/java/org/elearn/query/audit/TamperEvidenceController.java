package org.elearn.query.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
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
record TamperEvidenceController(HistoryVerifier verifier, AuditSigningKey key, Checkpoints checkpoints,
                                @Qualifier("verificationGate") ConcurrencyGate verifications) {

    /** A signed checkpoint as auditors copy it out, with the exact text its signature covers. */
    record PublishedCheckpoint(long globalIndex, long sealedCount, String chainHash, String signedAt, String keyId,
                               String algorithm, String signature, String signedText) {

        static PublishedCheckpoint of(Checkpoint checkpoint) {
            return new PublishedCheckpoint(checkpoint.globalIndex(), checkpoint.sealedCount(),
                    HexFormat.of().formatHex(checkpoint.chainHash()), checkpoint.signedAt().toString(),
                    checkpoint.keyId(), checkpoint.algorithm(),
                    Base64.getEncoder().encodeToString(checkpoint.signature()), checkpoint.signedText());
        }
    }

    /** The public key that verifies the checkpoints, X.509-encoded in Base64. */
    record SigningKey(String keyId, String algorithm, String publicKey) {
    }

    @GetMapping(path = "/api/audit/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<HistoryVerifier.Result> verify(@RequestParam(required = false) @PositiveOrZero Long from,
                                        @RequestParam(required = false) @PositiveOrZero Long to,
                                        @AuthenticationPrincipal Jwt caller) {
        requireAuditor(caller);
        if (from != null && to != null && from > to) {
            return Mono.error(QueryErrors.INVALID_RANGE.refusal("from must not be after to."));
        }
        return verifications.guard(QueryErrors.VERIFICATIONS_BUSY,
                "Other verifications are running on this instance; nothing was started. Try again shortly.",
                Mono.fromCallable(() -> verifier.verify(from, to)).subscribeOn(Schedulers.boundedElastic()));
    }

    @GetMapping(path = "/api/audit/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<PublishedCheckpoint>> checkpoints(@RequestParam(defaultValue = "0") @PositiveOrZero long from,
                                                @RequestParam(defaultValue = "1000") @Min(1) @Max(10_000) int limit,
                                                @AuthenticationPrincipal Jwt caller) {
        requireAuditor(caller);
        return Mono.fromCallable(() -> checkpoints.from(from, limit).stream().map(PublishedCheckpoint::of).toList())
                .subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping(path = "/api/audit/signing-key", produces = MediaType.APPLICATION_JSON_VALUE)
    SigningKey signingKey(@AuthenticationPrincipal Jwt caller) {
        requireAuditor(caller);
        return new SigningKey(key.keyId(), AuditSigningKey.ALGORITHM,
                Base64.getEncoder().encodeToString(key.publicKey().getEncoded()));
    }

    private static void requireAuditor(Jwt caller) {
        Caller.requireAnyRole(caller, Roles.AUDITOR, Roles.OPERATOR);
    }
}
