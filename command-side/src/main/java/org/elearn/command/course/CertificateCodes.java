package org.elearn.command.course;

import java.security.SecureRandom;
import org.springframework.stereotype.Component;

/**
 * Verification codes of certificates: 16 characters from 30 unambiguous ones (about 78 random
 * bits), in groups of four, e.g. {@code 7KQ2-M9XD-4HTR-PB6W}. Too many to guess; easy to read out.
 */
@Component
public class CertificateCodes {

    /** The shape of a code, for validating what the public check is given. */
    public static final String PATTERN = "[2-9A-HJKMNP-TV-Z]{4}(-[2-9A-HJKMNP-TV-Z]{4}){3}";
    private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private final SecureRandom random = new SecureRandom();

    public String next() {
        StringBuilder code = new StringBuilder(19);
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }
}
