package school.activity.broadcaster.handshake;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;

import school.activity.broadcaster.channel.Channels;
import school.activity.broadcaster.config.WebSocketProperties;
import school.activity.shared.contract.ActivityJson;
import school.activity.shared.contract.ErrorResponse;
import school.activity.broadcaster.feed.ChannelName;

/** Answers a refused handshake: status, JSON error body, {@code Retry-After} on 503, counted per reason. */
@Component
public class HandshakeRefusals {

    private static final Logger log = LoggerFactory.getLogger(HandshakeRefusals.class);

    private final Channels channels;
    private final String retryAfterSeconds;

    public HandshakeRefusals(Channels channels, WebSocketProperties ws) {
        this.channels = channels;
        this.retryAfterSeconds = Long.toString(ws.retryAfter().toSeconds());
    }

    /** {@code message} must be safe to show and log: never a token or a phone number. */
    public boolean refuse(ServerHttpResponse response, ChannelName channel, Refusal refusal, String message) {
        channels.get(channel).metrics().handshakeRefused(refusal.tag());
        log.debug("handshake on {} refused: {}", channel.tag(), refusal.tag());
        response.setStatusCode(refusal.status());
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        switch (refusal.status()) {
            case UNAUTHORIZED -> headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            case SERVICE_UNAVAILABLE -> headers.set(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
            default -> {
            }
        }
        try {
            response.getBody().write(ActivityJson.mapper().writeValueAsBytes(new ErrorResponse(refusal.error(), message)));
        } catch (IOException e) {
            log.debug("refusal body not written: {}", e.getClass().getSimpleName());
        }
        return false;
    }
}
