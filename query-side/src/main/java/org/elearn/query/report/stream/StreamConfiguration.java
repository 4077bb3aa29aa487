package org.elearn.query.report.stream;

import org.elearn.query.config.ReportsProperties;
import org.elearn.support.web.ConcurrencyGate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The limit on report streams open at once. */
@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

    /**
     * Report streams open at once on this instance ({@code learning.reports.max-streams}, default
     * 1,000; a dashboard page opens two): each holds a subscription to the change feed, its pending
     * changes and a connection for as long as it lasts. One more gets {@code 503 streams-busy}.
     */
    @Bean
    ConcurrencyGate streamGate(ReportsProperties reports) {
        return new ConcurrencyGate(reports.maxStreams());
    }
}
