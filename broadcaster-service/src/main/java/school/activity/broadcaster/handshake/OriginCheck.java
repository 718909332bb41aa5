package school.activity.broadcaster.handshake;

import java.util.List;
import java.util.Map;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import school.activity.broadcaster.feed.ChannelName;

/**
 * First check of a handshake: a browser's Origin must match {@code activity.ws.allowed-origins}. Clients that send
 * no Origin (not browsers) pass: the Origin header only protects browsers.
 */
public final class OriginCheck implements HandshakeInterceptor {

    private final ChannelName channel;
    private final CorsConfiguration origins = new CorsConfiguration();
    private final HandshakeRefusals refusals;

    public OriginCheck(ChannelName channel, List<String> allowedOriginPatterns, HandshakeRefusals refusals) {
        this.channel = channel;
        this.origins.setAllowedOriginPatterns(allowedOriginPatterns);
        this.refusals = refusals;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        String origin = request.getHeaders().getOrigin();
        if (origin == null || origins.checkOrigin(origin) != null) {
            return true;
        }
        return refusals.refuse(response, channel, Refusal.ORIGIN, "origin not allowed");
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
        // nothing to undo
    }
}
