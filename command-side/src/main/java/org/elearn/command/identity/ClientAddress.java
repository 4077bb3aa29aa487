package org.elearn.command.identity;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The caller's network address, the throttling key for password checks. When the peer is one of the
 * configured {@code learning.login.trusted-proxies} (addresses or CIDR ranges; by default loopback: the
 * query side's dashboard and console login in the all-in-one run, or a reverse proxy on the same host),
 * its {@code X-Forwarded-For} is read from the right, past every entry that is itself a trusted proxy
 * (an Ingress in front of a router, say): the first untrusted entry is the client. From anyone else
 * that header is ignored, so a client cannot pick the address its failures count against.
 */
@Component
public class ClientAddress {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final int MOST_HOPS = 16;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F.]*:[0-9a-fA-F:.]*");

    private final List<Range> trustedProxies;

    ClientAddress(LoginProperties properties) {
        this.trustedProxies = properties.trustedProxies().stream().map(Range::parse).toList();
    }

    public String of(ServerHttpRequest request) {
        Optional<String> peer = Optional.ofNullable(request.getRemoteAddress()).map(InetSocketAddress::getAddress)
                .map(InetAddress::getHostAddress);
        if (peer.isPresent() && trusted(peer.get())) {
            String forwarded = request.getHeaders().getFirst(FORWARDED_FOR);
            if (forwarded != null) {
                String[] hops = forwarded.split(",", -1);
                // from the right: each trusted proxy vouches for the entry on its left
                for (int i = hops.length - 1; i >= Math.max(0, hops.length - MOST_HOPS); i--) {
                    String hop = hops[i].strip();
                    if (hop.isEmpty() || hop.length() > 64) {
                        break;
                    }
                    if (i == 0 || !trusted(hop)) {
                        return hop;
                    }
                }
            }
        }
        return peer.orElse("unknown");
    }

    /** Only address literals are matched: a name would cost a DNS look-up on a request thread. */
    private boolean trusted(String address) {
        if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
            return false;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            return trustedProxies.stream().anyMatch(range -> range.contains(bytes));
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }

    /** An address, or a CIDR range such as {@code 10.0.0.0/8}. */
    private record Range(byte[] network, int bits) {

        static Range parse(String addressOrRange) {
            String text = addressOrRange.strip();
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            try {
                if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
                    throw new UnknownHostException("not an address literal");
                }
                byte[] network = InetAddress.getByName(address).getAddress();
                int bits = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
                if (bits < 0 || bits > network.length * 8) {
                    throw new NumberFormatException("prefix length out of range");
                }
                return new Range(network, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException(
                        "learning.login.trusted-proxies holds an unknown address or range: " + text, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
