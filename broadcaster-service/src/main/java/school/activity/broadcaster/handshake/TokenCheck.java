package school.activity.broadcaster.handshake;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import school.activity.broadcaster.channel.SessionAttributes;
import school.activity.broadcaster.feed.ChannelName;
import school.activity.shared.token.AuthenticatedUser;
import school.activity.shared.token.BearerToken;
import school.activity.shared.token.TokenVerification;
import school.activity.shared.token.TokenVerifier;

/**
 * Second check (with {@code activity.ws.auth=token}): a valid JWT, from an {@code Authorization: Bearer} header, a
 * {@code Sec-WebSocket-Protocol} value ({@link ProtocolToken}: browsers cannot set other headers on a WebSocket) or
 * the {@code access_token} query parameter (the original clients), else 401; its role must be allowed on this
 * channel, else 403.
 */
public final class TokenCheck implements HandshakeInterceptor {

    private final ChannelName channel;
    private final Set<String> allowedRoles;
    private final TokenVerifier verifier;
    private final HandshakeRefusals refusals;

    public TokenCheck(ChannelName channel, List<String> allowedRoles, TokenVerifier verifier, HandshakeRefusals refusals) {
        this.channel = channel;
        this.allowedRoles = Set.copyOf(allowedRoles);
        this.verifier = verifier;
        this.refusals = refusals;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        String token = BearerToken.fromAuthorizationHeader(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION))
                .orElseGet(() -> filteredToken(request, HandshakeRequestFilter.PROTOCOL_TOKEN_ATTRIBUTE,
                        HandshakeRequestFilter.TOKEN_ATTRIBUTE));
        TokenVerification verification = verifier.verify(token);
        if (verification instanceof TokenVerification.Rejected rejected) {
            return refusals.refuse(response, channel, Refusal.TOKEN, rejected.reason().description());
        }
        TokenVerification.Accepted accepted = (TokenVerification.Accepted) verification;
        AuthenticatedUser user = accepted.user();
        if (user.role() == null || !allowedRoles.contains(user.role())) {
            return refusals.refuse(response, channel, Refusal.ROLE,
                    "role not allowed on channel " + channel.tag());
        }
        // The session ends when its token does, or at the longest session lifetime (Subscriber.offer): the channels
        // carry phone numbers, and a leaked long-lived token must not hold a channel open for weeks.
        attributes.put(SessionAttributes.TOKEN_EXPIRES_AT, verifier.sessionEnd(accepted));
        return true;
    }

    /** The first of the tokens {@link HandshakeRequestFilter} took out of the request, in the order given. */
    private static String filteredToken(ServerHttpRequest request, String... attributes) {
        if (request instanceof ServletServerHttpRequest servlet) {
            for (String attribute : attributes) {
                if (servlet.getServletRequest().getAttribute(attribute) instanceof String token) {
                    return token;
                }
            }
        }
        return null;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
        // nothing to undo
    }
}
