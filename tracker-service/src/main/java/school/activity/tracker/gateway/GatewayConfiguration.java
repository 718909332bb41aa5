package school.activity.tracker.gateway;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions;
import org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions;
import org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions;
import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchange;
import org.springframework.cloud.gateway.server.mvc.handler.RestClientProxyExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import school.activity.support.JsonErrors;

/**
 * Gateway mode (Spring Cloud Gateway Server MVC): with {@code activity.tracker.upstream-url} set, every request but
 * the tracker's own endpoints is forwarded there; without it, those requests answer 404. Either way the tracking
 * filter has already seen the request. Off with the rest of the HTTP side on a consumer-only replica.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "activity.tracker.http.enabled", matchIfMissing = true)
class GatewayConfiguration {

    static final String ROUTE_ID = "upstream";
    private static final int NOT_FOUND = 404;

    @Bean
    UpstreamClient upstreamClient(GatewayProperties properties) {
        return new UpstreamClient(properties);
    }

    /** Replaces the gateway's default exchange: our client, and the caller's query string kept verbatim. */
    @Bean
    ProxyExchange upstreamProxyExchange(UpstreamClient client, GatewayMvcProperties gatewayProperties) {
        return new RawQueryProxyExchange(new RestClientProxyExchange(client.restClient(), gatewayProperties));
    }

    /**
     * Tomcat never reads a request body to fill request parameters: the gateway asks for the parameters (to build
     * the upstream URI), and a form body read for that was gone for the raw copy (the upstream saw nothing, or a body
     * rebuilt from the parameter map with the gateway's FormFilter, which application.yml switches off), and Tomcat
     * refused large or badly escaped forms itself (413, 400). Parameters now come from the query string alone and
     * every body reaches the upstream as it arrived. Nothing in the tracker reads form fields.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> requestBodiesStayUnparsed() {
        return factory -> factory.addConnectorCustomizers(connector -> connector.setParseBodyMethods(""));
    }

    @Bean
    UpstreamFailures upstreamFailures(MeterRegistry registry) {
        return new UpstreamFailures(registry);
    }

    @Bean
    RouterFunction<ServerResponse> upstreamRoute(GatewayProperties properties, UpstreamFailures failures,
            @Value("${management.endpoints.web.base-path:/actuator}") String actuatorBasePath) {
        ForwardedRequests forwarded = new ForwardedRequests(actuatorBasePath);
        if (!properties.gatewayEnabled()) {
            return RouterFunctions.route(forwarded, request -> ServerResponse.status(NOT_FOUND).build((req, res) -> {
                JsonErrors.write(res, NOT_FOUND, "not_found", "No such endpoint, and no upstream API is configured.");
                return null;
            }));
        }
        RouterFunctions.Builder route = GatewayRouterFunctions.route(ROUTE_ID)
                .route(forwarded, HandlerFunctions.http())
                .before(BeforeFilterFunctions.uri(properties.upstreamUrl()));
        String basePath = properties.upstreamBasePath();
        if (!basePath.isEmpty()) {
            route.before(BeforeFilterFunctions.prefixPath(basePath));
        }
        return route.onError(failures::isUpstreamFailure, failures::respond).build();
    }
}
