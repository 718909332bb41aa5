package school.activity.broadcaster.handshake;

import java.util.Map;
import java.util.Optional;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import school.activity.broadcaster.channel.SessionAttributes;
import school.activity.broadcaster.feed.ChannelName;
import school.activity.broadcaster.feed.StreamMode;

/**
 * On a role channel, before capacity: the {@code mode} query parameter ({@code delta}, or absent for the seed's
 * snapshots) becomes a session attribute; any other value is a 400, before a slot is reserved.
 */
public final class ModeCheck implements HandshakeInterceptor {

    private final ChannelName channel;
    private final HandshakeRefusals refusals;

    public ModeCheck(ChannelName channel, HandshakeRefusals refusals) {
        this.channel = channel;
        this.refusals = refusals;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        // The raw query: HandshakeRequestFilter has already taken the token out of it.
        Optional<StreamMode> mode = StreamMode.fromQuery(request.getURI().getRawQuery());
        if (mode.isEmpty()) {
            return refusals.refuse(response, channel, Refusal.MODE, "mode must be delta or absent");
        }
        attributes.put(SessionAttributes.MODE, mode.get());
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
        // nothing to undo
    }
}
