package org.elearn.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The ports a local run listens on, checked free before it starts anything. A busy port means
 * another program, often another local run, is there: an embedded PostgreSQL that cannot bind its
 * port leaves the other instance's server answering there, and the run would migrate and process
 * that database instead of its own; a busy web port fails only after the database was touched.
 */
final class LocalPorts {

    /** A port the run needs, and the setting that moves it. */
    record Port(String variable, int number, String purpose) {
    }

    /** The start was refused before it touched any database; the message says how to fix it. */
    static final class StartRefused extends RuntimeException {
        StartRefused(String message) {
            super(message);
        }
    }

    private LocalPorts() {
    }

    /**
     * Refuses with every busy port in one message. Port 0 (any free port) is never busy. Binding the
     * wildcard address also fails when another process listens on one address only, loopback included.
     */
    static void requireFree(List<Port> ports) {
        List<String> busy = new ArrayList<>();
        for (Port port : ports) {
            if (port.number() != 0 && !free(port.number())) {
                busy.add("port " + port.number() + " (" + port.purpose() + ") is in use, perhaps by another "
                        + "local run; stop that, or set " + port.variable() + " to a free port");
            }
        }
        if (!busy.isEmpty()) {
            throw new StartRefused(String.join("\n", busy));
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
