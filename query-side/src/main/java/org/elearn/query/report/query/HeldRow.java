package org.elearn.query.report.query;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.UUID;

/**
 * A row of the legal hold: the trainee's organization, then the fields of their report row, at
 * the same level ({@code {organizationId, traineeId, name, …}}).
 */
public record HeldRow(UUID organizationId, @JsonUnwrapped ReportRow row) {
}
