package school.activity.tracker.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class GatewayPropertiesTest {

    @Test
    void noUpstreamMeansNoGateway() {
        assertThat(properties(null).gatewayEnabled()).isFalse();
        assertThat(properties(URI.create("")).gatewayEnabled()).isFalse();
        assertThat(properties(null).isUpstreamUrlUsable()).isTrue();
    }

    @Test
    void upstreamMustBeAnAbsoluteHttpUrlWithoutQuery() {
        assertThat(properties(URI.create("http://api.school.test:8000")).isUpstreamUrlUsable()).isTrue();
        assertThat(properties(URI.create("https://api.school.test/v1/")).isUpstreamUrlUsable()).isTrue();
        assertThat(properties(URI.create("ftp://api.school.test")).isUpstreamUrlUsable()).isFalse();
        assertThat(properties(URI.create("/relative")).isUpstreamUrlUsable()).isFalse();
        assertThat(properties(URI.create("http://api.school.test/?a=1")).isUpstreamUrlUsable()).isFalse();
    }

    @Test
    void basePathIsPutInFrontWithoutTrailingSlash() {
        assertThat(properties(URI.create("http://api.school.test")).upstreamBasePath()).isEmpty();
        assertThat(properties(URI.create("http://api.school.test/")).upstreamBasePath()).isEmpty();
        assertThat(properties(URI.create("http://api.school.test/v1/")).upstreamBasePath()).isEqualTo("/v1");
    }

    @Test
    void timeoutsMustBePositive() {
        URI url = URI.create("http://api.school.test");
        assertThat(new GatewayProperties(url, Duration.ZERO, Duration.ofSeconds(1), 10).isTimeoutsPositive()).isFalse();
        assertThat(new GatewayProperties(url, Duration.ofSeconds(1), Duration.ofSeconds(-1), 10).isTimeoutsPositive())
                .isFalse();
        assertThat(properties(url).isTimeoutsPositive()).isTrue();
    }

    private static GatewayProperties properties(URI url) {
        return new GatewayProperties(url, Duration.ofSeconds(30), Duration.ofSeconds(5), 100);
    }
}
