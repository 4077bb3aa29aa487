package org.elearn.command.xapi.statements;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.elearn.command.CommandErrors;
import org.elearn.support.errors.DomainException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The xAPI attachment transmission format (1.0.3, Communication 1.5.2): a {@code multipart/mixed}
 * body whose first part ({@code application/json}) holds the statements and whose every other part
 * holds one attachment's raw octets, named by its {@code X-Experience-API-Hash} (the hex SHA-2 of
 * the octets, which must match them). A strict RFC 2046 reader over a body already read within the
 * upload limit: CRLF line ends, headers of at most {@value #MAX_HEADER_BYTES} bytes per part, at most
 * {@value #MAX_PARTS} parts, {@code Content-Transfer-Encoding} {@code binary} (assumed when absent);
 * every deviation is a 400 ({@code malformed-multipart}, or {@code attachment-hash-mismatch}).
 * The search for delimiters is linear in the body.
 */
final class MultipartStatements {

    static final int MAX_HEADER_BYTES = 8 * 1024;
    static final int MAX_PARTS = 1001;
    static final String HASH_HEADER = "x-experience-api-hash";
    private static final Pattern BOUNDARY = Pattern.compile("[0-9A-Za-z'()+_,\\-./:=? ]{0,69}[0-9A-Za-z'()+_,\\-./:=?]");
    private static final Pattern SHA2 = Pattern.compile("[0-9a-fA-F]{64}|[0-9a-fA-F]{96}|[0-9a-fA-F]{128}");
    private static final byte[] CRLF = {'\r', '\n'};

    /** One attachment's octets, by the lower-case hex SHA-2 they were checked against. */
    record Part(String sha2, byte[] content) {
    }

    /** The statements (a JSON tree) and the attachment parts, in the order received, one per hash. */
    record Upload(JsonNode statements, List<Part> parts) {
    }

    private MultipartStatements() {
    }

    /**
     * Reads a statement request: a {@code multipart/mixed} body as above, anything else as JSON
     * alone (with no parts). The buffer is released. Blocking work: call it off the event loop.
     */
    static Upload read(MediaType type, DataBuffer body, Function<DataBuffer, JsonNode> json) {
        if (type == null || !MediaType.MULTIPART_MIXED.equalsTypeAndSubtype(type)) {
            return new Upload(json.apply(body), List.of());
        }
        byte[] bytes = new byte[body.readableByteCount()];
        body.read(bytes);
        DataBufferUtils.release(body);
        Parsed parsed = parse(bytes, type.getParameter("boundary"));
        return new Upload(json.apply(DefaultDataBufferFactory.sharedInstance.wrap(parsed.statements())),
                parsed.parts());
    }

    /**
     * The attachment format of an answer ({@code attachments=true}): the statements' JSON, then one
     * part per attachment with its {@code X-Experience-API-Hash}, {@code Content-Transfer-Encoding:
     * binary} and the content type its attachment object declares ({@code contentTypes}, by SHA-2).
     * The boundary is random and, checked, in no part.
     */
    static Written write(byte[] statements, List<Part> parts, Function<String, String> contentTypes) {
        String boundary = "xapi-" + java.util.UUID.randomUUID();
        while (inAny(statements, parts, boundary)) {
            boundary = "xapi-" + java.util.UUID.randomUUID();
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Type: application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(statements);
        for (Part part : parts) {
            String type = contentTypes.apply(part.sha2());
            out.writeBytes(("\r\n--" + boundary + "\r\nContent-Type: "
                    + (type == null || !isHeaderValue(type) ? "application/octet-stream" : type)
                    + "\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: " + part.sha2() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(part.content());
        }
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return new Written(new MediaType(MediaType.MULTIPART_MIXED, Map.of("boundary", boundary)), out.toByteArray());
    }

    /** An answer in the attachment format: its content type (with the boundary) and body. */
    record Written(MediaType type, byte[] body) {
    }

    private static boolean inAny(byte[] statements, List<Part> parts, String boundary) {
        return contains(statements, boundary) || parts.stream().anyMatch(p -> contains(p.content(), boundary));
    }

    private static boolean isHeaderValue(String value) {
        return value.length() <= 255 && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    private static boolean contains(byte[] content, String text) {
        byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i <= content.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (content[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The first part's bytes and the checked attachment parts. */
    record Parsed(byte[] statements, List<Part> parts) {
    }

    static Parsed parse(byte[] body, String boundaryParameter) {
        String boundary = unquote(boundaryParameter);
        if (boundary == null || !BOUNDARY.matcher(boundary).matches()) {
            throw malformed("The multipart/mixed content type needs a boundary of 1 to 70 characters (RFC 2046).");
        }
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        // the first delimiter may open the body (without its CRLF) or follow a preamble
        int at;
        if (startsWith(body, 0, delimiter, 2)) {
            at = delimiter.length - 2;
        } else {
            int first = indexOf(body, delimiter, 0);
            if (first < 0) {
                throw malformed("The body holds no part delimited by the declared boundary.");
            }
            at = first + delimiter.length;
        }
        byte[] statements = null;
        Map<String, Part> parts = new LinkedHashMap<>();
        int count = 0;
        while (true) {
            if (startsWith(body, at, new byte[] {'-', '-'}, 0)) {
                break; // the close delimiter; an epilogue is ignored
            }
            while (at < body.length && (body[at] == ' ' || body[at] == '\t')) {
                at++; // transport padding
            }
            if (!startsWith(body, at, CRLF, 0)) {
                throw malformed("A boundary line does not end with CRLF.");
            }
            at += 2;
            if (++count > MAX_PARTS) {
                throw malformed("A request holds at most " + (MAX_PARTS - 1) + " attachment parts.");
            }
            int headersEnd = headersEnd(body, at);
            Map<String, String> headers = headers(body, at, headersEnd);
            int contentStart = headersEnd + 2;
            int contentEnd = indexOf(body, delimiter, contentStart);
            if (contentEnd < 0) {
                throw malformed("Part " + (count - 1) + " is not closed by the boundary; the body is cut short.");
            }
            byte[] content = java.util.Arrays.copyOfRange(body, contentStart, contentEnd);
            if (statements == null) {
                statements = statementsPart(headers, content);
            } else {
                Part part = attachmentPart(count - 1, headers, content);
                parts.putIfAbsent(part.sha2(), part);
            }
            at = contentEnd + delimiter.length;
        }
        if (statements == null) {
            throw malformed("The body holds no part: the first part must hold the statements.");
        }
        return new Parsed(statements, List.copyOf(parts.values()));
    }

    private static byte[] statementsPart(Map<String, String> headers, byte[] content) {
        String type = headers.get("content-type");
        if (type == null || !isJson(type)) {
            throw malformed("The first part must hold the statements, with Content-Type: application/json.");
        }
        return content;
    }

    private static boolean isJson(String type) {
        try {
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(type));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static Part attachmentPart(int index, Map<String, String> headers, byte[] content) {
        String hash = headers.get(HASH_HEADER);
        if (hash == null || !SHA2.matcher(hash).matches()) {
            throw malformed("Part " + index + " needs an X-Experience-API-Hash header: the hex SHA-256, SHA-384 or"
                    + " SHA-512 of its content.");
        }
        String encoding = headers.get("content-transfer-encoding");
        if (encoding != null && !"binary".equalsIgnoreCase(encoding)) {
            throw malformed("Part " + index + " must be sent with Content-Transfer-Encoding: binary.");
        }
        String sha2 = hash.toLowerCase(Locale.ROOT);
        if (!MessageDigest.isEqual(HexFormat.of().parseHex(sha2), digest(sha2.length(), content))) {
            throw CommandErrors.ATTACHMENT_HASH_MISMATCH.refusal("The content of part " + index
                    + " does not have the SHA-2 its X-Experience-API-Hash header declares.",
                    Map.of("part", index, "sha2", sha2));
        }
        return new Part(sha2, content);
    }

    /** The SHA-2 of the size that a hex hash of this length names. */
    static byte[] digest(int hexLength, byte[] content) {
        String algorithm = switch (hexLength) {
            case 64 -> "SHA-256";
            case 96 -> "SHA-384";
            default -> "SHA-512";
        };
        try {
            return MessageDigest.getInstance(algorithm).digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    /** The index of the CRLF that ends the header block starting at {@code from} (the empty line's). */
    private static int headersEnd(byte[] body, int from) {
        if (startsWith(body, from, CRLF, 0)) {
            return from; // no headers
        }
        int end = indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, from, from + MAX_HEADER_BYTES);
        if (end < 0) {
            throw malformed("A part's headers must end with an empty line within " + MAX_HEADER_BYTES + " bytes.");
        }
        return end + 2;
    }

    /** Header names in lower case; a header given twice, folded, or not {@code name: value} is refused. */
    private static Map<String, String> headers(byte[] body, int from, int to) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (to == from) {
            return headers;
        }
        String block = new String(body, from, to - from - 2, StandardCharsets.ISO_8859_1);
        for (String line : block.split("\r\n", -1)) {
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t'
                    || line.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw malformed("A part header is not of the form Name: value.");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (headers.put(name, line.substring(colon + 1).strip()) != null) {
                throw malformed("A part repeats its " + name + " header.");
            }
        }
        return headers;
    }

    private static String unquote(String value) {
        if (value != null && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static boolean startsWith(byte[] body, int at, byte[] prefix, int prefixFrom) {
        int length = prefix.length - prefixFrom;
        if (at < 0 || at + length > body.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (body[at + i] != prefix[prefixFrom + i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] body, byte[] needle, int from) {
        return indexOf(body, needle, from, body.length);
    }

    /**
     * The first index of {@code needle} starting in {@code [from, until)}. A delimiter starts with CR
     * and holds no other CR, so its partial matches never overlap and the search is linear in the
     * body; the header end (two CRLF) is searched within {@value #MAX_HEADER_BYTES} bytes only.
     */
    private static int indexOf(byte[] body, byte[] needle, int from, int until) {
        int last = Math.min(until - 1, body.length - needle.length);
        for (int i = Math.max(from, 0); i <= last; i++) {
            if (body[i] == needle[0] && startsWith(body, i, needle, 0)) {
                return i;
            }
        }
        return -1;
    }

    private static DomainException malformed(String detail) {
        return CommandErrors.MALFORMED_MULTIPART.refusal(detail);
    }
}
