package org.elearn.command.notification;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * The console's public pages that mails link to, such as {@code join.html#invitation/<code>}. A
 * code goes in the fragment, which browsers never send: it reaches no server log and no
 * {@code Referer}. The console is served by the query side, so its address is configured here
 * ({@code learning.console.public-url}); nothing checks that it answers.
 */
@Component
@EnableConfigurationProperties(ConsoleLinks.Properties.class)
public class ConsoleLinks {

    /**
     * {@code learning.console.*} of the command side.
     *
     * @param publicUrl the console's address as mail readers reach it, ending in {@code /console/}
     */
    @ConfigurationProperties("learning.console")
    record Properties(@DefaultValue("http://localhost:8081/console/") URI publicUrl) {
    }

    private final URI base;

    ConsoleLinks(Properties properties) {
        String url = properties.publicUrl().toString();
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
    }

    /** The public sign-up page's view for a mailed code: {@code <console>/join.html#<view>/<code>}. */
    public String join(String view, String code) {
        return base.resolve("join.html") + "#" + view + "/" + code;
    }
}
