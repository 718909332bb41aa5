package school.activity.tracker.gateway;

import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The HTTP client the gateway forwards with: Apache HttpClient 5, because its read timeout is a socket inactivity
 * timeout (a long download that keeps flowing is never cut, a silent upstream is) and its pool is sized explicitly.
 * Everything that would make it act as a browser instead of a transparent proxy is switched off.
 */
final class UpstreamClient implements AutoCloseable {

    private final HttpComponentsClientHttpRequestFactory requestFactory;

    UpstreamClient(GatewayProperties properties) {
        HttpClientSettings settings = HttpClientSettings.defaults()
                .withTimeouts(properties.upstreamConnectTimeout(), properties.upstreamTimeout())
                // The client's redirects are the caller's business: pass 3xx through untouched.
                .withRedirects(HttpRedirects.DONT_FOLLOW);
        this.requestFactory = ClientHttpRequestFactoryBuilder.httpComponents()
                .withConnectionManagerCustomizer(pool -> pool
                        .setMaxConnTotal(properties.upstreamMaxConnections())
                        .setMaxConnPerRoute(properties.upstreamMaxConnections()))
                .withHttpClientCustomizer(client -> client
                        // One client serves every user: never keep one user's cookies for the next.
                        .disableCookieManagement()
                        .disableAuthCaching()
                        // Bodies and Accept-Encoding pass through as they are, compressed or not.
                        .disableContentCompression()
                        .disableDefaultUserAgent()
                        .setRetryStrategy(new StaleConnectionRetryOnly()))
                .build(settings);
    }

    RestClient restClient() {
        return RestClient.builder().requestFactory(requestFactory).build();
    }

    @Override
    public void close() throws Exception {
        requestFactory.destroy();
    }

    /**
     * Retries an idempotent request once when a pooled connection turned out to be closed by the upstream (the
     * default strategy's I/O rules), but never retries on a response: a 429 or 503 goes back to the caller as is.
     */
    private static final class StaleConnectionRetryOnly extends DefaultHttpRequestRetryStrategy {

        StaleConnectionRetryOnly() {
            super(1, TimeValue.ZERO_MILLISECONDS);
        }

        @Override
        public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
            return false;
        }
    }
}
