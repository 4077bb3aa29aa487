package org.elearn.local;

import java.util.function.Supplier;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Gives the services started inside {@link #of} Reactor Netty event loops of their own. By default
 * every service in a JVM runs on the JVM's global loops, and closing any one of them disposes those
 * loops: every other service still running stops answering. The pair of services the end-to-end
 * classes share outlives many classes that start and close their own pair, so it must not be on
 * them. Registered for every context of this module's tests in {@code META-INF/spring.factories};
 * contexts started outside {@link #of} keep the global loops, as before.
 */
public final class OwnEventLoops implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final ThreadLocal<Boolean> STARTING = ThreadLocal.withInitial(() -> false);

    /** Whatever {@code start} starts on this thread gets event loops of its own. */
    static <T> T of(Supplier<T> start) {
        STARTING.set(true);
        try {
            return start.get();
        } finally {
            STARTING.remove();
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (STARTING.get() && context instanceof BeanDefinitionRegistry registry) {
            // Spring Boot's own factory, on the global loops, backs off when one is defined
            registry.registerBeanDefinition("ownEventLoops", BeanDefinitionBuilder
                    .genericBeanDefinition(ReactorResourceFactory.class)
                    .addPropertyValue("useGlobalResources", false).getBeanDefinition());
        }
    }
}
