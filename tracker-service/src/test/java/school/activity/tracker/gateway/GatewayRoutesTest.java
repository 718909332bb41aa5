package school.activity.tracker.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.DispatcherType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/** Which requests the gateway route takes, and its answer when no upstream is configured. */
class GatewayRoutesTest {

    private final RouterFunction<ServerResponse> withoutUpstream = new GatewayConfiguration().upstreamRoute(
            new GatewayProperties(null, Duration.ofSeconds(30), Duration.ofSeconds(5), 100),
            new UpstreamFailures(new SimpleMeterRegistry()), "/actuator");

    @Test
    void withoutUpstreamOtherPathsAnswer404WithAJsonError() throws Exception {
        MockHttpServletRequest servletRequest = new MockHttpServletRequest("GET", "/api/items");
        Optional<HandlerFunction<ServerResponse>> handler = withoutUpstream.route(request(servletRequest));
        assertThat(handler).isPresent();

        MockHttpServletResponse servletResponse = new MockHttpServletResponse();
        handler.get().handle(request(servletRequest)).writeTo(servletRequest, servletResponse, () -> List.of());

        assertThat(servletResponse.getStatus()).isEqualTo(404);
        assertThat(servletResponse.getContentType()).startsWith("application/json");
        assertThat(servletResponse.getContentAsString()).contains("\"error\":\"not_found\"");
    }

    @Test
    void theTrackersOwnEndpointsAndErrorDispatchesAreNeverRouted() {
        assertThat(withoutUpstream.route(request(new MockHttpServletRequest("POST", "/activity/heartbeat")))).isEmpty();
        assertThat(withoutUpstream.route(request(new MockHttpServletRequest("GET", "/actuator")))).isEmpty();
        assertThat(withoutUpstream.route(request(new MockHttpServletRequest("GET", "/actuator/prometheus")))).isEmpty();
        MockHttpServletRequest error = new MockHttpServletRequest("GET", "/error");
        error.setDispatcherType(DispatcherType.ERROR);
        assertThat(withoutUpstream.route(request(error))).isEmpty();
    }

    @Test
    void neighboursOfTheOwnEndpointsAreRouted() {
        assertThat(withoutUpstream.route(request(new MockHttpServletRequest("GET", "/activity/heartbeats")))).isPresent();
        assertThat(withoutUpstream.route(request(new MockHttpServletRequest("GET", "/actuatorx")))).isPresent();
        assertThat(withoutUpstream.route(request(new MockHttpServletRequest("GET", "/")))).isPresent();
    }

    @Test
    void theRawQueryIsKeptVerbatimWhenItIsValid() {
        URI target = URI.create("http://upstream:8000/api/items?a=1%202");
        assertThat(RawQueryProxyExchange.withRawQuery(target, "a=1+2&b=x,y&flag"))
                .isEqualTo(URI.create("http://upstream:8000/api/items?a=1+2&b=x,y&flag"));
        assertThat(RawQueryProxyExchange.withRawQuery(target, null))
                .isEqualTo(URI.create("http://upstream:8000/api/items"));
        assertThat(RawQueryProxyExchange.withRawQuery(target, "bad=%zz")).isNull();
    }

    private static ServerRequest request(MockHttpServletRequest servletRequest) {
        return ServerRequest.create(servletRequest, List.of());
    }
}
