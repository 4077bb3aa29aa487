package org.elearn.local;

import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Every service started in a test JVM gets Reactor Netty event loops of its own, as a service in a
 * process of its own has. By default all share the JVM's global loops, and closing any one service
 * disposes them: every other service still running in the JVM (the pair the end-to-end classes
 * share, a surviving second instance) stops answering. Registered for every context of this
 * module's tests in {@code META-INF/spring.factories}.
 */
public final class OwnEventLoops implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (context instanceof BeanDefinitionRegistry registry) {
            // Spring Boot's own factory, on the global loops, backs off when one is defined
            registry.registerBeanDefinition("ownEventLoops", BeanDefinitionBuilder
                    .genericBeanDefinition(ReactorResourceFactory.class)
                    .addPropertyValue("useGlobalResources", false).getBeanDefinition());
        }
    }
}
