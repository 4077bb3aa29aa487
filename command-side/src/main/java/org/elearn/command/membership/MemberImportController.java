package org.elearn.command.membership;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.elearn.support.security.Caller;
import org.elearn.support.web.HttpProperties;
import org.elearn.command.CommandErrors;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /api/organizations/{id}/member-imports} ({@code text/csv}) for the organization's
 * administrators. The body streams to a temporary file (never held in memory), is imported, and the
 * file is deleted. The refused rows can be downloaded as CSV.
 */
@RestController
class MemberImportController {

    private final MemberImport imports;
    private final long maxUploadBytes;

    MemberImportController(MemberImport imports, HttpProperties http) {
        this.imports = imports;
        this.maxUploadBytes = http.maxUploadSize().toBytes();
    }

    @PostMapping(path = "/api/organizations/{organizationId}/member-imports", consumes = "text/csv",
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<MemberImport.Result> importMembers(@PathVariable UUID organizationId, ServerHttpRequest request,
                                            @AuthenticationPrincipal Jwt caller) {
        Caller.requireAdministratorOf(organizationId, caller);
        UUID administrator = UUID.fromString(caller.getSubject());
        AtomicLong received = new AtomicLong();
        return Mono.usingWhen(
                Mono.fromCallable(() -> Files.createTempFile("member-import-", ".csv"))
                        .subscribeOn(Schedulers.boundedElastic()),
                file -> DataBufferUtils.write(request.getBody().doOnNext(buffer -> {
                            if (received.addAndGet(buffer.readableByteCount()) > maxUploadBytes) {
                                throw CommandErrors.BODY_TOO_LARGE.refusal(
                                        "An import file may be at most " + maxUploadBytes + " bytes.");
                            }
                        }), file)
                        .then(Mono.fromCallable(() -> imports.run(organizationId, administrator, file))
                                .subscribeOn(Schedulers.boundedElastic())),
                file -> Mono.fromRunnable(() -> delete(file)).subscribeOn(Schedulers.boundedElastic()));
    }

    @GetMapping(path = "/api/organizations/{organizationId}/member-imports/{importId}/errors", produces = "text/csv")
    Mono<ResponseEntity<String>> errors(@PathVariable UUID organizationId, @PathVariable UUID importId,
                                        @AuthenticationPrincipal Jwt caller) {
        Caller.requireAdministratorOf(organizationId, caller);
        return Mono.fromCallable(() -> String.join("\r\n", imports.errorLines(organizationId, importId)) + "\r\n")
                .subscribeOn(Schedulers.boundedElastic())
                .map(csv -> ResponseEntity.ok()
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-errors.csv\"")
                        .contentType(MediaType.parseMediaType("text/csv"))
                        .body(csv));
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
