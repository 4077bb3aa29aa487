package org.elearn.support.errors;

/**
 * Refusals given at the edge of either service, before a request reaches a side's own code: body
 * limits, hostile characters, throttles, busy services. Keep the entries sorted by code.
 */
public enum EdgeErrors implements ErrorCode {
    ;

    private final String code;
    private final ErrorKind kind;

    EdgeErrors(String code, ErrorKind kind) {
        this.code = code;
        this.kind = kind;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
