package org.elearn.query.report.pointintime;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.elearn.query.QueryErrors;
import org.elearn.query.report.query.ReportAccess;
import org.elearn.query.report.query.ReportFilters;
import org.elearn.query.report.query.ReportQuery;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The learning report's page as it was at a past instant, with the same filters, paging and sort as the live page. */
@RestController
class PointInTimeReportController {

    private final PointInTimeReports pointInTime;

    PointInTimeReportController(PointInTimeReports pointInTime) {
        this.pointInTime = pointInTime;
    }

    /**
     * The same page as it was at a past instant, replayed from the history
     * ({@link PointInTimeReports}); {@code at} must lie in the past.
     */
    @GetMapping(path = "/api/organizations/{organizationId}/reports/learning/as-of",
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<PointInTimePage> learningAsOf(
            @PathVariable UUID organizationId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime at,
            @Valid ReportFilters filters,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
            @RequestParam(defaultValue = "name,asc") @Pattern(regexp = ReportQuery.SORT) String sort,
            @AuthenticationPrincipal Jwt caller) {
        UUID onlyTrainee = ReportAccess.learningScope(organizationId, caller);
        if (at == null) { // checked after access, so another organization's report stays unknown (404)
            throw QueryErrors.AT_REQUIRED.refusal("at, the instant to show, is required.");
        }
        if (at.toInstant().isAfter(Instant.now())) {
            throw QueryErrors.AT_IN_THE_FUTURE.refusal("at must lie in the past; the live report shows the present.");
        }
        ReportQuery query = filters.query(organizationId, onlyTrainee);
        return Mono.fromCallable(() -> pointInTime.learning(query, at.toInstant(), sort, page, size))
                .subscribeOn(Schedulers.boundedElastic());
    }
}
