package school.activity.broadcaster.handshake;

import java.net.URI;

import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Takes a browser's {@code access_token} query parameter out of every request before anything else sees it (the
 * web layer logs request URIs at debug level): only the handshake reads it, from {@link #token}.
 */
@Component
class TokenlessRequests implements HttpHandlerDecoratorFactory {

    @Override
    public HttpHandler apply(HttpHandler handler) {
        return (request, response) -> handler.handle(strip(request), response);
    }

    private static ServerHttpRequest strip(ServerHttpRequest request) {
        String rawQuery = request.getURI().getRawQuery();
        if (rawQuery == null || !rawQuery.contains(QueryWithoutToken.TOKEN_PARAMETER)) {
            return request;
        }
        QueryWithoutToken query = QueryWithoutToken.of(rawQuery);
        return query.token() == null ? request : new Stripped(request, query);
    }

    /** The query token the request came with, or null. */
    static String token(ServerHttpRequest request) {
        for (ServerHttpRequest current = request; current instanceof ServerHttpRequestDecorator decorator;
                current = decorator.getDelegate()) {
            if (decorator instanceof Stripped stripped) {
                return stripped.token;
            }
        }
        return null;
    }

    private static final class Stripped extends ServerHttpRequestDecorator {

        private final String token;
        private final URI uri;
        private final MultiValueMap<String, String> queryParams;

        Stripped(ServerHttpRequest delegate, QueryWithoutToken query) {
            super(delegate);
            this.token = query.token();
            this.uri = UriComponentsBuilder.fromUri(delegate.getURI()).replaceQuery(query.remaining()).build(true)
                    .toUri();
            MultiValueMap<String, String> params = new LinkedMultiValueMap<>(delegate.getQueryParams());
            params.remove(QueryWithoutToken.TOKEN_PARAMETER);
            this.queryParams = params;
        }

        @Override
        public URI getURI() {
            return uri;
        }

        @Override
        public MultiValueMap<String, String> getQueryParams() {
            return queryParams;
        }
    }
}
