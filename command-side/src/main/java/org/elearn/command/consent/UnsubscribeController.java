package org.elearn.command.consent;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.elearn.command.CommandErrors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The unsubscribe link, public (the signed token says whose consent to which purpose).
 * <ul>
 * <li>{@code POST /api/unsubscribe?token=...} is the RFC 8058 one-click unsubscribe: the mail client
 * posts the form body {@code List-Unsubscribe=One-Click}. Repeating it answers the same. It answers
 * JSON, or a short HTML page to a browser that asks for HTML.</li>
 * <li>{@code GET} (a person who opened the link in the mail's text) shows a page whose button posts
 * that form; the GET itself changes nothing, because link scanners follow links. A link that does not
 * verify gets a page that says so and nothing more.</li>
 * </ul>
 * The pages have no script, style or external resource, and a Content-Security-Policy that allows
 * none; they send no referrer, since the address holds the token (Spring Security's defaults add
 * {@code Cache-Control: no-store}).
 */
@RestController
record UnsubscribeController(UnsubscribeLinks links, ConsentService consents) {

    static final String PAGE_POLICY = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @GetMapping(path = "/api/unsubscribe", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> confirmationPage(@RequestParam(required = false) String token) {
        if (token == null || links.verify(token).isEmpty()) {
            return page(HttpStatus.BAD_REQUEST, "Link not valid",
                    "<p>This unsubscribe link is not valid. Use the link from a recent email.</p>");
        }
        // relative to this page's own address, so it also holds behind a proxy that adds a path prefix
        String action = HtmlUtils.htmlEscape("unsubscribe?token=" + token);
        return page(HttpStatus.OK, "Unsubscribe", """
                <p>Stop receiving marketing email from us?</p>
                <form method="post" action="%s">
                <input type="hidden" name="List-Unsubscribe" value="One-Click">
                <button type="submit">Unsubscribe</button>
                </form>""".formatted(action));
    }

    @PostMapping(path = "/api/unsubscribe", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<?>> unsubscribe(@RequestParam String token, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            if (!"One-Click".equals(form.getFirst("List-Unsubscribe"))) {
                return Mono.error(CommandErrors.NOT_ONE_CLICK.refusal(
                        "The body must be List-Unsubscribe=One-Click (RFC 8058)."));
            }
            UnsubscribeLinks.Target target = links.verify(token).orElseThrow(() -> CommandErrors.INVALID_UNSUBSCRIBE_LINK.refusal(
                    "This unsubscribe link is not valid."));
            return Mono.fromRunnable(() -> consents.withdrawByLink(target.userId(), target.purpose()))
                    .subscribeOn(Schedulers.boundedElastic())
                    .then(Mono.<ResponseEntity<?>>fromSupplier(() -> wantsHtml(exchange)
                            ? page(HttpStatus.OK, "Unsubscribed", "<p>You will receive no more marketing email from us."
                                    + " You can give your consent again in your account settings.</p>")
                            : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                                    .body(Map.of("purpose", target.purpose(), "state", "WITHDRAWN"))));
        });
    }

    /** A browser's form post asks for HTML by name; a mail client's one-click post does not. */
    private static boolean wantsHtml(ServerWebExchange exchange) {
        return exchange.getRequest().getHeaders().getAccept().stream()
                .anyMatch(type -> type.getQualityValue() > 0 && MediaType.TEXT_HTML.equalsTypeAndSubtype(type));
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String content) {
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Security-Policy", PAGE_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .body("""
                        <!DOCTYPE html>
                        <html lang="en">
                        <head><meta charset="utf-8"><title>%s</title></head>
                        <body>
                        <h1>%s</h1>
                        %s
                        </body>
                        </html>
                        """.formatted(title, title, content));
    }
}
