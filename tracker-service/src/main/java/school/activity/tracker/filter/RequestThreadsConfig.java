package school.activity.tracker.filter;

import org.apache.coyote.AbstractProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import school.activity.tracker.gateway.GatewayProperties;

/**
 * Sizes Tomcat's request threads to the machine while nothing in the request path waits (no gateway). With Spring's
 * 200, every busy connection keeps a request thread runnable, and the consumer's threads in the same JVM get only a
 * sliver of the CPU, so request-to-row lag grows although the requests are served (docs/benchmarks.md, Ingest).
 */
@Configuration(proxyBeanMethods = false)
class RequestThreadsConfig {

    private static final Logger log = LoggerFactory.getLogger(RequestThreadsConfig.class);
    static final String MAX_THREADS_PROPERTY = "server.tomcat.threads.max";

    /** Registered after Spring Boot's own Tomcat customizer, so its value is the one replaced. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> requestThreads(HttpProperties http,
            GatewayProperties gateway, Environment environment) {
        return factory -> {
            if (gateway.gatewayEnabled() || environment.containsProperty(MAX_THREADS_PROPERTY)) {
                return;
            }
            int threads = http.requestThreads(Runtime.getRuntime().availableProcessors());
            factory.addConnectorCustomizers(connector -> {
                if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
                    protocol.setMaxThreads(threads);
                    protocol.setMinSpareThreads(Math.min(protocol.getMinSpareThreads(), threads));
                    log.info("{} request threads ({} per core; no request waits without a gateway)", threads,
                            http.threadsPerCore());
                }
            });
        };
    }
}
