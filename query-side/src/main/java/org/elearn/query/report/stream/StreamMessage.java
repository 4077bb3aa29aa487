package org.elearn.query.report.stream;

/**
 * One message of a report stream: its type ({@code row}, {@code removed}, {@code rows},
 * {@code snapshot-complete}, {@code figures}, {@code heartbeat}), the row's version where it has
 * one (the SSE id), and its data.
 */
record StreamMessage(String type, Long version, Object data) {
}
