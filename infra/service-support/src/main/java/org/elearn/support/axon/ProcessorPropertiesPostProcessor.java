package org.elearn.support.axon;

import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Fills in Axon's event processor properties once Spring has bound them and before Axon builds the
 * processors from them. It sees the bound properties, the bean definitions (by annotation, without
 * creating a bean this early) and the raw settings, to tell a setting given explicitly from one left
 * out. {@link ProcessorDefaults} is one; a side may add its own.
 */
public abstract class ProcessorPropertiesPostProcessor implements BeanPostProcessor, EnvironmentAware, BeanFactoryAware {

    private Environment environment;
    private ListableBeanFactory beans;

    @Override
    public final void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public final void setBeanFactory(BeanFactory beanFactory) {
        this.beans = (ListableBeanFactory) beanFactory;
    }

    @Override
    public final Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof EventProcessorProperties properties) {
            fillIn(properties, beans, Binder.get(environment));
        }
        return bean;
    }

    /** Fills in what this step owns; a setting {@code settings} binds explicitly must win. */
    protected abstract void fillIn(EventProcessorProperties properties, ListableBeanFactory beans, Binder settings);
}
