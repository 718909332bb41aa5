package school.activity.broadcaster.handshake;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Prepares a channel handshake before Spring and Tomcat see it:
 * <ul>
 * <li>takes the {@code access_token} query parameter out of the request (into a request attribute), so no URI that
 * Spring, Tomcat or a session ever logs or exposes carries the token;</li>
 * <li>likewise takes a token offered in {@code Sec-WebSocket-Protocol} ({@link ProtocolToken}) out of that header,
 * leaving only the protocol names to negotiate, so the token is never echoed or logged;</li>
 * <li>hides {@code Sec-WebSocket-Extensions}, so permessage-deflate is never negotiated: compressing one large frame
 * separately for each of thousands of sessions would cost far more CPU than the bandwidth it saves.</li>
 * </ul>
 */
public class HandshakeRequestFilter extends OncePerRequestFilter {

    /** The request attribute holding the query token, when there was one. */
    public static final String TOKEN_ATTRIBUTE = HandshakeRequestFilter.class.getName() + ".token";
    static final String TOKEN_PARAMETER = "access_token";
    /** The request attribute holding the token offered in {@code Sec-WebSocket-Protocol}, when there was one. */
    public static final String PROTOCOL_TOKEN_ATTRIBUTE = HandshakeRequestFilter.class.getName() + ".protocolToken";
    static final String EXTENSIONS_HEADER = "Sec-WebSocket-Extensions";
    static final String PROTOCOL_HEADER = "Sec-WebSocket-Protocol";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        QueryWithoutToken query = QueryWithoutToken.of(request.getQueryString());
        if (query.token() != null) {
            request.setAttribute(TOKEN_ATTRIBUTE, query.token());
        }
        ProtocolToken protocol = ProtocolToken.of(Collections.list(request.getHeaders(PROTOCOL_HEADER)));
        if (protocol.token() != null) {
            request.setAttribute(PROTOCOL_TOKEN_ATTRIBUTE, protocol.token());
        }
        chain.doFilter(new SanitizedRequest(request, query.remaining(), protocol.protocols()), response);
    }

    /** A query string split into the token (null if absent) and everything else (null if nothing else). */
    record QueryWithoutToken(String token, String remaining) {

        static QueryWithoutToken of(String query) {
            if (query == null || query.isEmpty()) {
                return new QueryWithoutToken(null, query);
            }
            String token = null;
            List<String> kept = new ArrayList<>();
            for (String part : query.split("&")) {
                int equals = part.indexOf('=');
                String name = decode(equals < 0 ? part : part.substring(0, equals));
                if (TOKEN_PARAMETER.equals(name)) {
                    if (token == null) {
                        String value = decode(equals < 0 ? "" : part.substring(equals + 1));
                        token = value == null ? "" : value;
                    }
                } else if (!part.isEmpty()) {
                    kept.add(part);
                }
            }
            return new QueryWithoutToken(token, kept.isEmpty() ? null : String.join("&", kept));
        }

        private static String decode(String text) {
            try {
                return URLDecoder.decode(text, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return null;
            }
        }
    }

    private static final class SanitizedRequest extends HttpServletRequestWrapper {

        private final String queryString;
        /** The offered subprotocols without a token; empty hides the header. */
        private final List<String> protocols;

        SanitizedRequest(HttpServletRequest request, String queryString, List<String> protocols) {
            super(request);
            this.queryString = queryString;
            this.protocols = protocols;
        }

        @Override
        public String getQueryString() {
            return queryString;
        }

        @Override
        public String getParameter(String name) {
            return TOKEN_PARAMETER.equals(name) ? null : super.getParameter(name);
        }

        @Override
        public String[] getParameterValues(String name) {
            return TOKEN_PARAMETER.equals(name) ? null : super.getParameterValues(name);
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            Map<String, String[]> parameters = new LinkedHashMap<>(super.getParameterMap());
            parameters.remove(TOKEN_PARAMETER);
            return Collections.unmodifiableMap(parameters);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }

        @Override
        public String getHeader(String name) {
            if (PROTOCOL_HEADER.equalsIgnoreCase(name)) {
                return protocols.isEmpty() ? null : String.join(", ", protocols);
            }
            return EXTENSIONS_HEADER.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (PROTOCOL_HEADER.equalsIgnoreCase(name)) {
                return protocols.isEmpty() ? Collections.emptyEnumeration()
                        : Collections.enumeration(List.of(String.join(", ", protocols)));
            }
            return EXTENSIONS_HEADER.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> all = super.getHeaderNames(); all.hasMoreElements(); ) {
                String name = all.nextElement();
                boolean hiddenProtocol = PROTOCOL_HEADER.equalsIgnoreCase(name) && protocols.isEmpty();
                if (!EXTENSIONS_HEADER.equalsIgnoreCase(name) && !hiddenProtocol) {
                    names.add(name);
                }
            }
            return Collections.enumeration(names);
        }
    }
}
