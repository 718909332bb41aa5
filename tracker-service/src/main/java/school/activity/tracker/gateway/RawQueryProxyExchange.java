package school.activity.tracker.gateway;

import java.net.URI;

import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchange;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Forwards the caller's query string exactly as it arrived. The gateway rebuilds it from decoded parameters, which
 * keeps its meaning but not its bytes ({@code a+b} becomes {@code a%20b}, {@code 1,2} becomes {@code 1%2C2}); an
 * upstream that signs or caches by URL needs the original.
 */
final class RawQueryProxyExchange implements ProxyExchange {

    private final ProxyExchange delegate;

    RawQueryProxyExchange(ProxyExchange delegate) {
        this.delegate = delegate;
    }

    @Override
    public ServerResponse exchange(Request request) {
        URI uri = request.getUri();
        URI original = uri == null ? null : withRawQuery(uri, request.getServerRequest().servletRequest().getQueryString());
        if (original == null || original.equals(uri)) {
            return delegate.exchange(request);
        }
        RequestBuilder rebuilt = delegate.request(request.getServerRequest())
                .method(request.getMethod())
                .uri(original)
                .headers(request.getHeaders());
        request.getResponseConsumers().forEach(rebuilt::responseConsumer);
        return delegate.exchange(rebuilt.build());
    }

    /** The target URI carrying the raw query, or null when the raw query is not a valid URI query. */
    static URI withRawQuery(URI target, String rawQuery) {
        try {
            return UriComponentsBuilder.fromUri(target).replaceQuery(rawQuery).build(true).toUri();
        } catch (IllegalArgumentException notEncoded) {
            return null;
        }
    }
}
