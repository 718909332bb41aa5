package school.activity.broadcaster.handshake;

import java.util.ArrayList;
import java.util.List;

/**
 * A token offered in {@code Sec-WebSocket-Protocol}, the one header a browser can set on a WebSocket, so the token
 * stays out of URLs and access logs. Two forms: an element {@code access_token.<jwt>}, or the protocol name
 * {@link #PROTOCOL} beside the bare token (JavaScript {@code new WebSocket(url, ["activity.v1", jwt])}). Only the
 * non-secret protocol names are left to negotiate, so the server never echoes the token.
 *
 * @param token     the token, or null when none was offered this way
 * @param protocols the offered protocol names without the token (empty when none is left)
 */
public record ProtocolToken(String token, List<String> protocols) {

    /** The protocol name the server selects when a client offers it: no secret, safe to echo. */
    public static final String PROTOCOL = "activity.v1";
    static final String TOKEN_PREFIX = "access_token.";

    /** @param headerValues the {@code Sec-WebSocket-Protocol} header values, each a comma-separated list */
    public static ProtocolToken of(List<String> headerValues) {
        List<String> offered = new ArrayList<>();
        for (String value : headerValues) {
            for (String element : value.split(",")) {
                if (!element.isBlank()) {
                    offered.add(element.strip());
                }
            }
        }
        String token = null;
        List<String> names = new ArrayList<>();
        for (String element : offered) {
            if (element.startsWith(TOKEN_PREFIX)) {
                token = token == null ? element.substring(TOKEN_PREFIX.length()) : token;
            } else if (element.equals(PROTOCOL)) {
                names.add(element);
            } else if (offered.contains(PROTOCOL)) {
                // Beside activity.v1, anything else is the bare token: it must never be echoed either.
                token = token == null ? element : token;
            } else {
                names.add(element);
            }
        }
        return new ProtocolToken(token, List.copyOf(names));
    }
}
