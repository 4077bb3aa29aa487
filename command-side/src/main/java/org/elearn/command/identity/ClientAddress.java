package org.elearn.command.identity;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The caller's network address, the throttling key for password checks. When the peer is one of the
 * configured {@code learning.login.trusted-proxies} (by default loopback: the query side's dashboard
 * login in the all-in-one run, or a reverse proxy on the same host), the right-most entry of its
 * {@code X-Forwarded-For} is the client; from anyone else that header is ignored, so a client cannot
 * pick the address its failures count against.
 */
@Component
public class ClientAddress {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<InetAddress> trustedProxies;

    ClientAddress(LoginProperties properties) {
        this.trustedProxies = properties.trustedProxies().stream().map(ClientAddress::literal).toList();
    }

    public String of(ServerHttpRequest request) {
        Optional<InetAddress> peer = Optional.ofNullable(request.getRemoteAddress()).map(InetSocketAddress::getAddress);
        if (peer.isPresent() && trustedProxies.contains(peer.get())) {
            String forwarded = request.getHeaders().getFirst(FORWARDED_FOR);
            if (forwarded != null) {
                String client = forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
                if (!client.isEmpty() && client.length() <= 64) {
                    return client;
                }
            }
        }
        return peer.map(InetAddress::getHostAddress).orElse("unknown");
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address.strip());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("learning.login.trusted-proxies holds an unknown address", e);
        }
    }
}
