package org.elearn.command.xapi.validation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The formats of xAPI 1.0.3's value types (Data part, section 4) and the platform's bounds on them,
 * each a pattern compiled once. Shared by the validator, which refuses, and the parser, which
 * extracts from a statement the validator accepted.
 */
public final class XapiValues {

    public static final int MAX_IRI = 2048;
    public static final int MAX_MBOX = 320;
    public static final int MAX_NAME = 512;
    public static final int MAX_RESPONSE = 4096;
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    public static final Duration FUTURE_SLACK = Duration.ofDays(1);
    public static final long MAX_DURATION_MILLIS = Duration.ofHours(10_000).toMillis();

    private static final Pattern IRI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[^\\s<>\"{}|\\\\^`]+");
    /** A UUID in its 8-4-4-4-12 hex form, any case, as a pattern to embed. */
    public static final String UUID_PATTERN =
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Pattern UUID_TEXT = Pattern.compile(UUID_PATTERN);
    private static final Pattern SHA1 = Pattern.compile("[0-9a-fA-F]{40}");
    /** SHA-224, -256, -384 or -512 in hex. */
    private static final Pattern SHA2 = Pattern.compile("[0-9a-fA-F]{56}|[0-9a-fA-F]{64}|[0-9a-fA-F]{96}|[0-9a-fA-F]{128}");
    private static final Pattern MBOX = Pattern.compile("mailto:[^@\\s]+@[^@\\s]+");
    private static final Pattern VERSION = Pattern.compile("1\\.0(?:\\.\\d+)?");
    /** RFC 5646 well-formed language tags (section 2.1), grandfathered irregular tags included. */
    private static final Pattern LANGUAGE_TAG = Pattern.compile(
            "(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"
                    + "(?:-[A-Za-z]{4})?"
                    + "(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
                    + "(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
                    + "(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"
                    + "(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?"
                    + "|[Xx](?:-[A-Za-z0-9]{1,8})+"
                    + "|(?i:en-GB-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn"
                    + "|i-tao|i-tay|i-tsu|sgn-BE-FR|sgn-BE-NL|sgn-CH-DE)");
    /** ISO 8601 extended date and time; the offset, if any, as Z, ±hh, ±hhmm or ±hh:mm. */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?)(Z|[+-]\\d{2}(?::?\\d{2})?)?");
    private static final String NUMBER = "(\\d+(?:[.,]\\d+)?)";
    private static final Pattern DURATION = Pattern.compile("P(?:" + NUMBER + "Y)?(?:" + NUMBER + "M)?(?:" + NUMBER
            + "W)?(?:" + NUMBER + "D)?(?:T(?:" + NUMBER + "H)?(?:" + NUMBER + "M)?(?:" + NUMBER + "S)?)?");
    /** Seconds per duration component: years and months as 365 and 30 days, as a length of time needs. */
    private static final long[] SECONDS = {365L * 86_400, 30L * 86_400, 7L * 86_400, 86_400, 3_600, 60, 1};

    private XapiValues() {
    }

    /** An absolute IRI (scheme, colon, no spaces or delimiters) of at most {@link #MAX_IRI} characters. */
    public static boolean iri(String text) {
        return text.length() <= MAX_IRI && IRI.matcher(text).matches();
    }

    public static boolean uuid(String text) {
        return text.length() == 36 && UUID_TEXT.matcher(text).matches();
    }

    public static boolean mbox(String text) {
        return text.length() <= MAX_MBOX && MBOX.matcher(text).matches();
    }

    public static boolean sha1(String text) {
        return SHA1.matcher(text).matches();
    }

    public static boolean sha2(String text) {
        return SHA2.matcher(text).matches();
    }

    public static boolean version(String text) {
        return VERSION.matcher(text).matches();
    }

    public static boolean languageTag(String text) {
        return LANGUAGE_TAG.matcher(text).matches();
    }

    /**
     * The instant of an ISO 8601 timestamp, or null if it is not one. Without a time zone it is read
     * as UTC; the offsets {@code -00}, {@code -0000} and {@code -00:00} (RFC 3339's "unknown local
     * offset") are not timestamps xAPI accepts.
     */
    public static Instant timestamp(String text) {
        Matcher m = TIMESTAMP.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String local = m.group(1).replace(',', '.');
        int fraction = local.indexOf('.');
        if (fraction > 0 && local.length() - fraction > 10) {
            local = local.substring(0, fraction + 10); // beyond nanoseconds: kept in the statement, not in the instant
        }
        String offset = m.group(2);
        try {
            if (offset == null) {
                return LocalDateTime.parse(local).toInstant(ZoneOffset.UTC);
            }
            if (offset.equals("-00") || offset.equals("-0000") || offset.equals("-00:00")) {
                return null;
            }
            if (!"Z".equals(offset)) {
                String digits = offset.replace(":", "");
                offset = digits.substring(0, 3) + ":" + (digits.length() == 5 ? digits.substring(3) : "00");
            }
            return OffsetDateTime.parse(local + offset).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Whether an instant lies within the platform's bounds: from 1900 to a day from now. */
    public static boolean plausible(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(Instant.now().plus(FUTURE_SLACK));
    }

    /** The length of an ISO 8601 duration in milliseconds, or -1 if it is not one. */
    public static long durationMillis(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches() || text.equals("P") || text.endsWith("T")) {
            return -1;
        }
        BigDecimal millis = BigDecimal.ZERO;
        for (int i = 0; i < SECONDS.length; i++) {
            if (m.group(i + 1) != null) {
                millis = millis.add(new BigDecimal(m.group(i + 1).replace(',', '.'))
                        .multiply(BigDecimal.valueOf(SECONDS[i] * 1000)));
            }
        }
        // beyond the bound, any figure over it says "too long"; no overflow
        return millis.compareTo(BigDecimal.valueOf(MAX_DURATION_MILLIS)) > 0 ? MAX_DURATION_MILLIS + 1
                : millis.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
