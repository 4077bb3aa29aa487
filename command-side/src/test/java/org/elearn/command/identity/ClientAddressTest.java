package org.elearn.command.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** {@code X-Forwarded-For} names the client only when a trusted proxy sends it. */
class ClientAddressTest {

    private final ClientAddress addresses = new ClientAddress(
            new LoginProperties(5, 20, Duration.ofMinutes(15), List.of("127.0.0.1", "::1")));

    @Test
    void aTrustedProxyNamesTheClientAsTheRightMostForwardedAddress() {
        assertThat(addresses.of(from("127.0.0.1", "203.0.113.9, 198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(addresses.of(from("::1", "198.51.100.8"))).isEqualTo("198.51.100.8");
        assertThat(addresses.of(from("127.0.0.1", null))).isEqualTo("127.0.0.1");
    }

    @Test
    void anyoneElsesForwardedHeaderIsIgnored() {
        assertThat(addresses.of(from("192.0.2.44", "198.51.100.7"))).isEqualTo("192.0.2.44");
    }

    private static MockServerHttpRequest from(String peer, String forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.post("/api/auth/login")
                .remoteAddress(new InetSocketAddress(peer, 40000));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request.build();
    }
}
