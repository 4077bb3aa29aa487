package org.elearn.local;

import org.elearn.testsupport.TestDatabases;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import reactor.netty.http.HttpResources;

/**
 * One pair of services with default settings on one test database, shared by every end-to-end
 * test class that opts in with {@code @ExtendWith(SharedServices.class)} and takes a
 * {@link LocalApi} as a constructor or {@code @BeforeAll} parameter. Started by the first class
 * that asks, closed when the whole run ends (the root store closes it), never by a test.
 *
 * <p>A class may share only if its tests work in organizations and accounts of their own and read
 * nothing of the whole system: it does not stop a service or the database, move a clock, change
 * settings, rebuild or reset projections, corrupt rows, or count rows, events or mails beyond its
 * own. Others start their own {@code new LocalApi(TestDatabases.create(), ...)}. The pair runs on
 * event loops of its own ({@link OwnEventLoops}), so closing those others leaves it running.
 */
final class SharedServices implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedServices.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalApi.class;
    }

    @Override
    public LocalApi resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Pair.class, key -> new Pair(OwnEventLoops.of(
                        () -> new LocalApi(TestDatabases.create(), "target/shared-secrets"))), Pair.class)
                .api();
    }

    /** Closed by JUnit once every test class of the run is done. */
    private record Pair(LocalApi api) implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() {
            // the tests' clients keep connections open on the global loops, and a service waits out
            // its graceful shutdown for them; closing another pair used to drop them, this does now
            HttpResources.disposeLoopsAndConnections();
            api.close();
        }
    }
}
