package org.elearn.command.xapi.statements;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The device and the client a User-Agent header names, coarsely: enough for usage data ("Android
 * phone", "Firefox 121"), no fingerprint. Both are personal data and stored encrypted.
 */
final class UserAgents {

    /** Device and client; either may be null. */
    record Usage(String device, String client) {
    }

    private static final List<String[]> SYSTEMS = List.of(
            new String[] {"iphone", "iPhone"}, new String[] {"ipad", "iPad"}, new String[] {"android", "Android"},
            new String[] {"windows", "Windows"}, new String[] {"mac os x", "Mac"}, new String[] {"cros", "ChromeOS"},
            new String[] {"linux", "Linux"});
    private static final List<String> BROWSERS = List.of("Edg", "OPR", "Firefox", "Chrome", "Safari");
    private static final Pattern PRODUCT = Pattern.compile("([A-Za-z][A-Za-z0-9._-]{0,40})/(\\d+)");

    private UserAgents() {
    }

    static Usage parse(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return new Usage(null, null);
        }
        String ua = userAgent.length() > 512 ? userAgent.substring(0, 512) : userAgent;
        String lower = ua.toLowerCase(Locale.ROOT);
        String system = SYSTEMS.stream().filter(s -> lower.contains(s[0])).map(s -> s[1]).findFirst().orElse(null);
        String form = lower.contains("ipad") || lower.contains("tablet") ? "tablet"
                : lower.contains("mobile") || lower.contains("iphone") ? "phone" : "computer";
        String device = system == null ? null : system + " " + form;
        return new Usage(device, client(ua));
    }

    /** The most specific known browser, else the first product token, as name and major version. */
    private static String client(String ua) {
        String first = null;
        Matcher m = PRODUCT.matcher(ua);
        java.util.Map<String, String> products = new java.util.HashMap<>();
        while (m.find()) {
            products.putIfAbsent(m.group(1), m.group(2));
            if (first == null && !"Mozilla".equals(m.group(1))) {
                first = m.group(1) + " " + m.group(2);
            }
        }
        for (String browser : BROWSERS) {
            if (products.containsKey(browser)) {
                String name = switch (browser) {
                    case "Edg" -> "Edge";
                    case "OPR" -> "Opera";
                    default -> browser;
                };
                String version = "Safari".equals(browser) && products.containsKey("Version")
                        ? products.get("Version") : products.get(browser);
                return name + " " + version;
            }
        }
        return first;
    }
}
