package org.elearn.command;

import org.elearn.support.errors.ErrorCode;
import org.elearn.support.errors.ErrorKind;

/**
 * The command side's catalogue of refusals: every code this side's domain and controllers can answer
 * with, in one place. Clients branch on the code; the problem handler maps the kind to a status.
 * Keep the entries sorted by code.
 */
public enum CommandErrors implements ErrorCode {
    ;

    private final String code;
    private final ErrorKind kind;

    CommandErrors(String code, ErrorKind kind) {
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
