package org.elearn.command.xapi.validation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The formats of xAPI 1.0.3's value types (Data part, section 4) and the platform's bounds on them,
 * each a pattern compiled once. Those every statement holds (IRIs, UUIDs, timestamps, durations,
 * short language tags) are checked by loops that answer what the patterns answer
 * ({@code XapiValuesTest} holds them together): the patterns cost most of the parser. Shared by the
 * validator, which refuses, and the parser, which extracts from a statement the validator accepted.
 */
public final class XapiValues {

    public static final int MAX_IRI = 2048;
    public static final int MAX_MBOX = 320;
    public static final int MAX_NAME = 512;
    public static final int MAX_RESPONSE = 4096;
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    public static final Duration FUTURE_SLACK = Duration.ofDays(1);
    public static final long MAX_DURATION_MILLIS = Duration.ofHours(10_000).toMillis();

    /** A UUID in its 8-4-4-4-12 hex form, any case, as a pattern to embed. */
    public static final String UUID_PATTERN =
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Pattern SHA1 = Pattern.compile("[0-9a-fA-F]{40}");
    /** SHA-224, -256, -384 or -512 in hex. */
    private static final Pattern SHA2 = Pattern.compile("[0-9a-fA-F]{56}|[0-9a-fA-F]{64}|[0-9a-fA-F]{96}|[0-9a-fA-F]{128}");
    private static final Pattern VERSION = Pattern.compile("1\\.0(?:\\.\\d+)?");
    /** RFC 5646 well-formed language tags (section 2.1), grandfathered irregular tags included. */
    static final Pattern LANGUAGE_TAG = Pattern.compile(
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
        if (text.length() > MAX_IRI || text.isEmpty() || !asciiLetter(text.charAt(0))) {
            return false;
        }
        // the pattern's test, written out (five or more IRIs per statement): a scheme up to the first
        // colon, then at least one character that is neither white space nor a delimiter
        int colon = 1;
        while (colon < text.length() && text.charAt(colon) != ':') {
            char c = text.charAt(colon);
            if (!asciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '.' && c != '-') {
                return false;
            }
            colon++;
        }
        if (colon >= text.length() - 1) {
            return false;
        }
        for (int i = colon + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128 && IRI_EXCLUDED[c]) {
                return false;
            }
        }
        return true;
    }

    /**
     * What an IRI may not hold after its scheme, by ASCII code: white space as {@code \s} means it
     * (space, tab, line feed, vertical tab, form feed, carriage return) and {@code <>"{}|\^`}.
     */
    private static final boolean[] IRI_EXCLUDED = new boolean[128];

    static {
        for (char c : " \t\n\u000B\f\r<>\"{}|\\^`".toCharArray()) {
            IRI_EXCLUDED[c] = true;
        }
    }

    private static boolean asciiLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    public static boolean uuid(String text) {
        if (text.length() != 36) {
            return false;
        }
        // the pattern's 8-4-4-4-12 hex digits, checked in place
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23 ? c != '-'
                    : !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    public static boolean mbox(String text) {
        if (text.length() > MAX_MBOX || !text.startsWith("mailto:")) {
            return false;
        }
        // the pattern's test, written out: one @ with something before and after it, no white space
        int at = -1;
        for (int i = 7; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            } else if (c == ' ' || c >= '\t' && c <= '\r') {
                return false;
            }
        }
        return at > 7 && at < text.length() - 1;
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
        // most tags are a language and a region (en-US, de-CH): the pattern's first form, without the pattern
        int n = text.length();
        if ((n == 2 || n == 5) && asciiLetter(text.charAt(0)) && asciiLetter(text.charAt(1))
                && (n == 2 || text.charAt(2) == '-' && asciiLetter(text.charAt(3)) && asciiLetter(text.charAt(4)))) {
            return true;
        }
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
        // the pattern fixed every digit's place: the fields are read where they are, without a
        // DateTimeFormatter (each statement's timestamp is read twice, by the validator and the parser)
        String offset = m.group(2);
        try {
            ZoneOffset zone = ZoneOffset.UTC;
            if (offset != null && !"Z".equals(offset)) {
                if (offset.equals("-00") || offset.equals("-0000") || offset.equals("-00:00")) {
                    return null;
                }
                int hours = digits(offset, 1, 2);
                int minutes = offset.length() == 3 ? 0 : digits(offset, offset.length() - 2, 2);
                zone = offset.charAt(0) == '-' ? ZoneOffset.ofHoursMinutes(-hours, -minutes)
                        : ZoneOffset.ofHoursMinutes(hours, minutes);
            }
            int end = m.end(1);
            int second = 0;
            int nanos = 0;
            if (end > 16) { // seconds, and perhaps a fraction: beyond nanoseconds kept in the statement, not in the instant
                second = digits(text, 17, 2);
                for (int i = 20, scale = 100_000_000; i < end && scale > 0; i++, scale /= 10) {
                    nanos += (text.charAt(i) - '0') * scale;
                }
            }
            return LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2), digits(text, 11, 2),
                    digits(text, 14, 2), second, nanos).toInstant(zone);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The number written by {@code length} ASCII digits from {@code from} (the pattern has checked they are digits). */
    private static int digits(String text, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    /** Whether an instant lies within the platform's bounds: from 1900 to a day from now. */
    public static boolean plausible(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(Instant.now().plus(FUTURE_SLACK));
    }

    /** The length of an ISO 8601 duration in milliseconds, or -1 if it is not one. */
    public static long durationMillis(String text) {
        long whole = wholeDurationMillis(text);
        return whole != NOT_WHOLE ? whole : durationMillisByPattern(text);
    }

    private static final long NOT_WHOLE = Long.MIN_VALUE;
    private static final String DESIGNATORS = "YMWDHMS";

    /**
     * The common form (whole numbers of at most six digits, each designator at most once and in
     * order: {@code PT930S}, {@code P1DT2H}) read without the pattern, each statement's duration
     * being read twice; {@link #NOT_WHOLE} for any other text, which the pattern then reads.
     */
    private static long wholeDurationMillis(String text) {
        int n = text.length();
        if (n < 3 || text.charAt(0) != 'P' || text.charAt(n - 1) == 'T') {
            return NOT_WHOLE;
        }
        long millis = 0;
        int next = 0; // the first component (index in SECONDS) that may still follow
        boolean time = false; // after the T: hours, minutes, seconds
        int i = 1;
        while (i < n) {
            if (text.charAt(i) == 'T') {
                if (time) {
                    return NOT_WHOLE;
                }
                time = true;
                next = 4;
                i++;
                continue;
            }
            int start = i;
            long value = 0;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
            }
            if (i == start || i - start > 6 || i == n) {
                return NOT_WHOLE;
            }
            int component = DESIGNATORS.indexOf(text.charAt(i), next);
            if (component < 0 || time != (component >= 4)) {
                return NOT_WHOLE; // out of order, a minute before T or a month after it, a fraction...
            }
            millis += value * SECONDS[component] * 1000;
            next = component + 1;
            i++;
        }
        return millis > MAX_DURATION_MILLIS ? MAX_DURATION_MILLIS + 1 : millis;
    }

    private static long durationMillisByPattern(String text) {
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
