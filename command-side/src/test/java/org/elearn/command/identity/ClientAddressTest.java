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
            new LoginProperties(5, 20, Duration.ofMinutes(15), List.of("127.0.0.1", "::1"), null));

    @Test
    void aTrustedProxyNamesTheClientAsTheRightMostForwardedAddress() {
        assertThat(addresses.of(from("127.0.0.1", "203.0.113.9, 198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(addresses.of(from("::1", "198.51.100.8"))).isEqualTo("198.51.100.8");
        assertThat(addresses.of(from("127.0.0.1", null))).isEqualTo("127.0.0.1");
    }

    @Test
    void aChainOfTrustedProxiesIsWalkedFromTheRightToTheClient() {
        ClientAddress cluster = new ClientAddress(new LoginProperties(5, 20, Duration.ofMinutes(15),
                List.of("10.0.0.0/8", "fd00::/8"), null));
        // client -> Ingress (10.1.2.3) -> router (10.4.5.6, the peer)
        assertThat(cluster.of(from("10.4.5.6", "198.51.100.7, 10.1.2.3"))).isEqualTo("198.51.100.7");
        assertThat(cluster.of(from("fd00::6", "198.51.100.9, fd00::3"))).isEqualTo("198.51.100.9");
        // a client's own forged entries left of its address are not believed
        assertThat(cluster.of(from("10.4.5.6", "203.0.113.1, 198.51.100.7, 10.1.2.3"))).isEqualTo("198.51.100.7");
        // all hops trusted: the left-most is the client
        assertThat(cluster.of(from("10.4.5.6", "10.9.9.9, 10.1.2.3"))).isEqualTo("10.9.9.9");
        // a peer outside the ranges is the client, whatever it forwards
        assertThat(cluster.of(from("192.0.2.44", "198.51.100.7"))).isEqualTo("192.0.2.44");
        // garbage stops the walk at the last address vouched for
        assertThat(cluster.of(from("10.4.5.6", "not-an-address, 10.1.2.3"))).isEqualTo("not-an-address");
        // a name is never looked up, so it is never trusted: the walk stops at it
        assertThat(cluster.of(from("10.4.5.6", "198.51.100.7, localhost, 10.1.2.3"))).isEqualTo("localhost");
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
