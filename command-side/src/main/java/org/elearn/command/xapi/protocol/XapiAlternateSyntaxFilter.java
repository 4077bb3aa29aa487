package org.elearn.command.xapi.protocol;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.elearn.command.CommandErrors;
import org.elearn.support.errors.DomainException;
import org.elearn.support.web.HttpProperties;
import org.elearn.support.web.Problems;
import org.elearn.support.web.TextInputFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * xAPI's alternate request syntax (Communication 1.3), for clients that can send only a form POST:
 * {@code POST /xapi/...?method=PUT} with an {@code application/x-www-form-urlencoded} body whose
 * fields carry the headers (Authorization, X-Experience-API-Version, Content-Type, If-Match,
 * If-None-Match; Content-Length is recomputed), the body ({@code content}, UTF-8) and every other
 * query parameter; a version header the request itself carries wins over the form's (the
 * conformance suite sends both, the form's naming a version no LRS speaks). The exchange is
 * rewritten into the request it stands for before the version handshake and security see it, so
 * every resource answers it unchanged. Another query parameter
 * beside {@code method}, another method than POST or another body type is {@code 400
 * invalid-alternate-request}.
 */
@Component
class XapiAlternateSyntaxFilter implements WebFilter, Ordered {

    static final String METHOD = "method";
    static final String CONTENT = "content";
    private static final String VERSION = "X-Experience-API-Version";
    private static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE");
    private static final Set<String> HEADERS = Set.of("authorization", "x-experience-api-version", "content-type",
            "content-length", "if-match", "if-none-match");

    private final Problems problems;
    private final TextInputFilter textInput;
    private final int maxBodyBytes;

    XapiAlternateSyntaxFilter(Problems problems, HttpProperties http) {
        this.problems = problems;
        this.textInput = new TextInputFilter(problems); // the moved query parameters get the usual check
        this.maxBodyBytes = (int) http.maxUploadSize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!request.getQueryParams().containsKey(METHOD)
                || !request.getPath().pathWithinApplication().value().startsWith("/xapi/")) {
            return chain.filter(exchange);
        }
        String method = request.getQueryParams().getFirst(METHOD);
        if (!HttpMethod.POST.equals(request.getMethod())) {
            return refuse(exchange, "The alternate request syntax is sent as POST.");
        }
        if (request.getQueryParams().size() != 1 || request.getQueryParams().get(METHOD).size() != 1) {
            return refuse(exchange, "With the alternate request syntax, method is the only query parameter; "
                    + "the others are form fields.");
        }
        if (method == null || !METHODS.contains(method)) {
            return refuse(exchange, "method is one of GET, PUT, POST, DELETE.");
        }
        MediaType type = request.getHeaders().getContentType();
        if (type != null && !MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type)) {
            return refuse(exchange, "The alternate request syntax sends its fields as application/x-www-form-urlencoded.");
        }
        return DataBufferUtils.join(request.getBody(), maxBodyBytes)
                .map(XapiAlternateSyntaxFilter::text)
                .defaultIfEmpty("")
                .map(XapiAlternateSyntaxFilter::fields)
                .flatMap(fields -> textInput.filter(rewrite(exchange, HttpMethod.valueOf(method), fields), chain))
                .onErrorResume(DomainException.class, e -> problems.write(exchange, problems.toProblem(e)));
    }

    private Mono<Void> refuse(ServerWebExchange exchange, String detail) {
        return problems.write(exchange, problems.toProblem(CommandErrors.INVALID_ALTERNATE_REQUEST.refusal(detail)));
    }

    private static String text(DataBuffer buffer) {
        try {
            return buffer.toString(StandardCharsets.UTF_8);
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** The form's fields in order; a name given twice keeps every value. */
    private static Map<String, List<String>> fields(String form) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw CommandErrors.INVALID_ALTERNATE_REQUEST.refusal("The form is not valid URL encoding.");
            }
        }
        return fields;
    }

    private static ServerWebExchange rewrite(ServerWebExchange exchange, HttpMethod method, Map<String, List<String>> fields) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = new HttpHeaders();
        StringBuilder query = new StringBuilder();
        byte[] content = null;
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            String name = field.getKey();
            if (name.equals(CONTENT)) {
                content = field.getValue().get(0).getBytes(StandardCharsets.UTF_8);
            } else if (VERSION.equalsIgnoreCase(name) && request.getHeaders().containsKey(VERSION)) {
                continue; // the request's own version header is the one the handshake checks
            } else if (HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.set(name, field.getValue().get(0));
            } else {
                for (String value : field.getValue()) {
                    query.append(query.isEmpty() ? "" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                            .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                }
            }
        }
        boolean hasContent = content != null;
        byte[] body = hasContent ? content : new byte[0];
        String uri = request.getURI().toString();
        int queryStart = uri.indexOf('?');
        URI rewritten = URI.create((queryStart < 0 ? uri : uri.substring(0, queryStart))
                + (query.isEmpty() ? "" : "?" + query));
        ServerHttpRequest mutated = request.mutate().method(method).uri(rewritten).headers(h -> {
            h.remove(HttpHeaders.CONTENT_TYPE);
            h.remove(HttpHeaders.TRANSFER_ENCODING);
            headers.forEach((name, values) -> h.put(name, values));
            if (!hasContent) {
                h.remove(HttpHeaders.CONTENT_TYPE);
            } else if (h.getContentType() == null) {
                h.setContentType(MediaType.APPLICATION_JSON);
            }
            h.setContentLength(body.length);
        }).build();
        ServerHttpRequest withBody = new ServerHttpRequestDecorator(mutated) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
        return exchange.mutate().request(withBody).build();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 3; // after CORS, before the version handshake
    }
}
