package school.activity.broadcaster.handshake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

import school.activity.broadcaster.channel.Channels;
import school.activity.broadcaster.feed.ChannelName;
import school.activity.shared.contract.ActivityJson;
import school.activity.shared.contract.ErrorResponse;

/** Answers a refused handshake: status, JSON error body, {@code Retry-After} on 503, counted per reason. */
@Component
class HandshakeRefusals {

    private static final Logger log = LoggerFactory.getLogger(HandshakeRefusals.class);

    private final Channels channels;
    private final String retryAfterSeconds;

    HandshakeRefusals(Channels channels, HandshakeProperties properties) {
        this.channels = channels;
        this.retryAfterSeconds = Long.toString(properties.retryAfter().toSeconds());
    }

    /** {@code message} must be safe to show and log: never a token or a phone number. */
    Mono<Void> refuse(ServerHttpResponse response, ChannelName channel, Refusal refusal, String message) {
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
        byte[] body = ActivityJson.mapper().writeValueAsBytes(new ErrorResponse(refusal.error(), message));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
