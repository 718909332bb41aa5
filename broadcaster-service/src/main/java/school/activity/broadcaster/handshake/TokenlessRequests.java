package school.activity.broadcaster.handshake;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Takes tokens out of every request before anything else sees it (the web layer logs request URIs at debug level):
 * a browser's {@code access_token} query parameter, and a token offered in {@code Sec-WebSocket-Protocol}
 * ({@link ProtocolToken}), which leaves only the protocol names to negotiate. Only the handshake reads them, through
 * {@link #of}.
 */
@Component
class TokenlessRequests implements HttpHandlerDecoratorFactory {

    static final String PROTOCOL_HEADER = "Sec-WebSocket-Protocol";

    @Override
    public HttpHandler apply(HttpHandler handler) {
        return (request, response) -> handler.handle(strip(request), response);
    }

    private static ServerHttpRequest strip(ServerHttpRequest request) {
        String rawQuery = request.getURI().getRawQuery();
        QueryWithoutToken query = rawQuery != null && rawQuery.contains(QueryWithoutToken.TOKEN_PARAMETER)
                ? QueryWithoutToken.of(rawQuery) : new QueryWithoutToken(null, rawQuery);
        List<String> protocolHeader = request.getHeaders().get(PROTOCOL_HEADER);
        ProtocolToken protocol = protocolHeader == null ? null : ProtocolToken.of(protocolHeader);
        boolean protocolToken = protocol != null && protocol.token() != null;
        return query.token() == null && !protocolToken ? request : new Stripped(request, query, protocol);
    }

    /** The tokens the request came with (each null when absent), and the protocol names offered beside them. */
    record Tokens(String query, String protocol, List<String> protocols) {
    }

    static Tokens of(ServerHttpRequest request) {
        for (ServerHttpRequest current = request; current instanceof ServerHttpRequestDecorator decorator;
                current = decorator.getDelegate()) {
            if (decorator instanceof Stripped stripped) {
                return stripped.tokens;
            }
        }
        List<String> offered = request.getHeaders().get(PROTOCOL_HEADER);
        return new Tokens(null, null, offered == null ? List.of() : ProtocolToken.of(offered).protocols());
    }

    private static final class Stripped extends ServerHttpRequestDecorator {

        private final Tokens tokens;
        private final URI uri;
        private final MultiValueMap<String, String> queryParams;
        private final HttpHeaders headers;

        Stripped(ServerHttpRequest delegate, QueryWithoutToken query, ProtocolToken protocol) {
            super(delegate);
            List<String> protocols = protocol == null ? List.of() : protocol.protocols();
            this.tokens = new Tokens(query.token(), protocol == null ? null : protocol.token(), protocols);
            this.uri = query.token() == null ? delegate.getURI()
                    : UriComponentsBuilder.fromUri(delegate.getURI()).replaceQuery(query.remaining()).build(true)
                            .toUri();
            MultiValueMap<String, String> params = new LinkedMultiValueMap<>(delegate.getQueryParams());
            params.remove(QueryWithoutToken.TOKEN_PARAMETER);
            this.queryParams = params;
            HttpHeaders copy = HttpHeaders.copyOf(delegate.getHeaders());
            copy.remove(PROTOCOL_HEADER);
            if (!protocols.isEmpty()) {
                copy.set(PROTOCOL_HEADER, String.join(", ", protocols));
            }
            this.headers = HttpHeaders.readOnlyHttpHeaders(copy);
        }

        @Override
        public URI getURI() {
            return uri;
        }

        @Override
        public MultiValueMap<String, String> getQueryParams() {
            return queryParams;
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }
    }
}
