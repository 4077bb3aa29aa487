package org.elearn.command.xapi.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The value checks written out by hand (IRIs, the common language tags, timestamps) answer what the
 * patterns and the {@code java.time} parsers they replaced answered, for the values of every kind
 * and for generated near misses.
 */
class XapiValuesTest {

    private static final Pattern IRI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[^\\s<>\"{}|\\\\^`]+");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?)(Z|[+-]\\d{2}(?::?\\d{2})?)?");

    /** The timestamp reading as it was, through the ISO parsers. */
    private static Instant timestampAsBefore(String text) {
        Matcher m = TIMESTAMP.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String local = m.group(1).replace(',', '.');
        int fraction = local.indexOf('.');
        if (fraction > 0 && local.length() - fraction > 10) {
            local = local.substring(0, fraction + 10);
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

    @Test
    void timestampsReadAsTheIsoParsersReadThem() {
        List<String> cases = new ArrayList<>(List.of("2026-12-07T19:10:00Z", "2026-12-07T19:10:00.123Z",
                "2026-12-07T19:10:00,5+01:00", "2026-12-07T19:10Z", "2026-12-07T19:10:00", "2026-12-07T19:10:00-05",
                "2026-12-07T19:10:00+0530", "2026-12-07T19:10:00.1234567891234Z", "2026-12-07T19:10:00.000000001Z",
                "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-00-10T00:00:00Z", "2026-12-00T00:00:00Z", "2026-12-07T24:00:00Z", "2026-12-07T23:60:00Z",
                "2026-12-07T23:59:60Z", "2026-12-07T10:00:00-00:00", "2026-12-07T10:00:00-0000", "2026-12-07T10:00:00-00",
                "2026-12-07T10:00:00+00:00", "2026-12-07T10:00:00+18:00", "2026-12-07T10:00:00-18:00",
                "2026-12-07T10:00:00+18:01", "2026-12-07T10:00:00+19", "2026-12-07T10:00:00+05:60",
                "2026-12-07T10:00:00-00:30", "2026-12-07T10:00:00+99:99", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
                "2026-12-07 10:00:00Z", "2026-12-07T10:00:00z", "2026-12-07", "", "2026-12-07T10:00:00.Z",
                "2026-12-07T10:00:00+5:00", "١٢٣٤-12-07T10:00:00Z"));
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            cases.add("%04d-%02d-%02dT%02d:%02d:%02d%s%s".formatted(random.nextInt(10_000), random.nextInt(14),
                    random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62),
                    random.nextBoolean() ? "." + random.nextInt(1_000_000_000) : "",
                    switch (random.nextInt(5)) {
                        case 0 -> "";
                        case 1 -> "Z";
                        case 2 -> "%s%02d".formatted(random.nextBoolean() ? "+" : "-", random.nextInt(25));
                        case 3 -> "%s%02d%02d".formatted(random.nextBoolean() ? "+" : "-", random.nextInt(25),
                                random.nextInt(62));
                        default -> "%s%02d:%02d".formatted(random.nextBoolean() ? "+" : "-", random.nextInt(25),
                                random.nextInt(62));
                    }));
        }
        for (String text : cases) {
            assertThat(XapiValues.timestamp(text)).as(text).isEqualTo(timestampAsBefore(text));
        }
    }

    @Test
    void irisAreWhatThePatternAccepted() {
        List<String> cases = new ArrayList<>(List.of("http://adlnet.gov/expapi/verbs/passed", "urn:uuid:1", "mailto:a@b",
                "a:b", "a:", ":b", "1a:b", "a b:c", "ab", "", "a+b.c-d:x", "a_b:x", "http://x y", "http://x\ty",
                "http://x\u000By", "http://x<y", "http://x>y", "http://x\"y", "http://x{y", "http://x}y", "http://x|y",
                "http://x\\y", "http://x^y", "http://x`y", "http://x\u00a0y", "http://x\u2028y", "http://é.example",
                "é:x", "http://x/\uD83D\uDE00", "http://x/\uD800", "x::", "x:/:", "A:B", "z9:q"));
        Random random = new Random(5);
        String alphabet = "aZ09+.-:_ /\t\n<>\"{}|\\^`é%#?\u000B\f\r";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            cases.add(text.toString());
        }
        cases.add("http://x.example/" + "a".repeat(2048 - 17));
        cases.add("http://x.example/" + "a".repeat(2048 - 16));
        for (String text : cases) {
            assertThat(XapiValues.iri(text)).as(text)
                    .isEqualTo(text.length() <= XapiValues.MAX_IRI && IRI.matcher(text).matches());
        }
    }

    @Test
    void languageTagsAreWhatThePatternAccepts() {
        List<String> cases = new ArrayList<>(List.of("en", "en-US", "de-CH", "EN-us", "zh", "e", "en-", "en_US",
                "e1-US", "en-U1", "en-USA1", "-en-U", "é-US", "i-ami", "x-a", "en-419", "zh-Hant-TW", "en-GB-oed"));
        Random random = new Random(3);
        String alphabet = "aZqx-19_é";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = 1 + random.nextInt(7); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            cases.add(text.toString());
        }
        for (String tag : cases) {
            assertThat(XapiValues.languageTag(tag)).as(tag).isEqualTo(XapiValues.LANGUAGE_TAG.matcher(tag).matches());
        }
    }

    private static final String NUMBER = "(\\d+(?:[.,]\\d+)?)";
    private static final Pattern DURATION = Pattern.compile("P(?:" + NUMBER + "Y)?(?:" + NUMBER + "M)?(?:" + NUMBER
            + "W)?(?:" + NUMBER + "D)?(?:T(?:" + NUMBER + "H)?(?:" + NUMBER + "M)?(?:" + NUMBER + "S)?)?");
    private static final long[] SECONDS = {365L * 86_400, 30L * 86_400, 7L * 86_400, 86_400, 3_600, 60, 1};

    /** The duration reading as it was, by the pattern alone. */
    private static long durationAsBefore(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches() || text.equals("P") || text.endsWith("T")) {
            return -1;
        }
        java.math.BigDecimal millis = java.math.BigDecimal.ZERO;
        for (int i = 0; i < SECONDS.length; i++) {
            if (m.group(i + 1) != null) {
                millis = millis.add(new java.math.BigDecimal(m.group(i + 1).replace(',', '.'))
                        .multiply(java.math.BigDecimal.valueOf(SECONDS[i] * 1000)));
            }
        }
        return millis.compareTo(java.math.BigDecimal.valueOf(XapiValues.MAX_DURATION_MILLIS)) > 0
                ? XapiValues.MAX_DURATION_MILLIS + 1
                : millis.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }

    @Test
    void durationsReadAsThePatternReadThem() {
        List<String> cases = new ArrayList<>(List.of("PT930S", "P1DT2H", "PT1H30M", "P1Y2M3W4DT5H6M7S", "P5M", "PT5M",
                "P5H", "PT", "P", "T5S", "P1DT", "PT1H1H", "PTT5S", "PT5S5", "P1T", "PT1D", "P0D", "PT4.5S", "PT4,5S",
                "PT1.S", "P10000Y", "PT36000000S", "PT36000001S", "PT9999999S", "PT999999S", "P999999Y", "p1D", "P-1D",
                "P1W1D", "P1M1Y", "PT1S1M", "P٣D", "PT0000001S", "P1DT1H1M1.5S"));
        Random random = new Random(13);
        String alphabet = "PT0123456789YMWDHS.,";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder(random.nextInt(4) == 0 ? "" : "P");
            for (int n = random.nextInt(9); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            cases.add(text.toString());
        }
        for (int i = 0; i < 5_000; i++) {
            cases.add("P" + (random.nextBoolean() ? random.nextInt(1000) + "D" : "") + "T"
                    + (random.nextBoolean() ? random.nextInt(100) + "H" : "") + random.nextInt(10_000_000) + "S");
        }
        for (String text : cases) {
            assertThat(XapiValues.durationMillis(text)).as(text).isEqualTo(durationAsBefore(text));
        }
    }

    @Test
    void uuidsAreWhatThePatternAccepted() {
        Pattern uuid = Pattern.compile(XapiValues.UUID_PATTERN);
        List<String> cases = new ArrayList<>(List.of("2f1e7c1a-3b7d-4f0e-9a55-0d6c2b7e8f10",
                "2F1E7C1A-3B7D-4F0E-9A55-0D6C2B7E8F10", "2f1e7c1a-3b7d-4f0e-9a55-0d6c2b7e8f1g",
                "2f1e7c1a-3b7d-4f0e-9a55+0d6c2b7e8f10", "2f1e7c1a3b7d-4f0e-9a55-0d6c2b7e8f100", ""));
        Random random = new Random(17);
        String alphabet = "0123456789abcdefABCDEFgG-";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = 0; n < 36; n++) {
                text.append(n == 8 || n == 13 || n == 18 || n == 23
                        ? (random.nextInt(20) == 0 ? 'a' : '-')
                        : random.nextInt(40) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : "0123456789abcdef".charAt(random.nextInt(16)));
            }
            cases.add(text.toString());
        }
        for (String text : cases) {
            assertThat(XapiValues.uuid(text)).as(text).isEqualTo(text.length() == 36 && uuid.matcher(text).matches());
        }
    }

    @Test
    void mailboxesAreWhatThePatternAccepted() {
        Pattern mbox = Pattern.compile("mailto:[^@\\s]+@[^@\\s]+");
        List<String> cases = new ArrayList<>(List.of("mailto:a@b", "mailto:@b", "mailto:a@", "mailto:a@b@c", "mailto:a b@c",
                "mailto:a@b\u000B", "MAILTO:a@b", "mailto:", "a@b", "mailto:é@ü.example", "mailto:a\u00a0@b",
                "mailto:" + "a".repeat(300) + "@" + "b".repeat(12), "mailto:" + "a".repeat(300) + "@" + "b".repeat(14)));
        Random random = new Random(19);
        String alphabet = "a@ \t\n\u000B\f\r.é\u0085\u2028";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(random.nextInt(10) == 0 ? "mailt:" : "mailto:");
            for (int n = random.nextInt(7); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            cases.add(text.toString());
        }
        for (String text : cases) {
            assertThat(XapiValues.mbox(text)).as(text)
                    .isEqualTo(text.length() <= XapiValues.MAX_MBOX && mbox.matcher(text).matches());
        }
    }
}
