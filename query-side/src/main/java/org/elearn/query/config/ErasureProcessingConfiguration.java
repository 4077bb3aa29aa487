package org.elearn.query.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** An erasure that fails must be retried, never logged and skipped: its errors stop the processor, which retries. */
@Configuration(proxyBeanMethods = false)
class ErasureProcessingConfiguration {

    @Bean
    ConfigurerModule erasureErrorsPropagate() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler("projection-erasure", c -> PropagatingErrorHandler.instance());
    }
}
