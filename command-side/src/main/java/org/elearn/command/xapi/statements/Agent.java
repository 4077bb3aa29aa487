package org.elearn.command.xapi.statements;

import java.util.Locale;

/**
 * An xAPI actor by its one inverse functional identifier (IFI).
 *
 * @param kind which identifier: {@code mbox}, {@code mbox_sha1sum}, {@code openid} or {@code account}
 * @param value its value; for an account, the name
 * @param homePage for an account, its home page; else null
 */
public record Agent(String kind, String value, String homePage) {

    /** The identifier as one string, the same for every spelling xAPI treats as equal. */
    String canonical() {
        return switch (kind) {
            case "mbox" -> "mbox:" + value.toLowerCase(Locale.ROOT);
            case "mbox_sha1sum" -> "mbox_sha1sum:" + value.toLowerCase(Locale.ROOT);
            case "account" -> "account:" + homePage + "\u0000" + value;
            default -> kind + ":" + value;
        };
    }

    /** For an {@code mbox}, the email address; else null. */
    String email() {
        return "mbox".equals(kind) ? value.substring("mailto:".length()) : null;
    }
}
