package org.elearn.command.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock of time-based rules, which tests move forward instead of waiting. */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

    @Bean
    AdjustableClock clock() {
        return new AdjustableClock();
    }
}
