package school.activity.broadcaster.handshake;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

import school.activity.broadcaster.channel.Admission;
import school.activity.broadcaster.channel.Channel;
import school.activity.broadcaster.channel.Channels;
import school.activity.broadcaster.fanout.Fanout;
import school.activity.broadcaster.fanout.SessionSpec;
import school.activity.broadcaster.feed.ChannelName;
import school.activity.broadcaster.feed.StreamMode;
import school.activity.shared.token.AuthenticatedUser;
import school.activity.shared.token.BearerToken;
import school.activity.shared.token.TokenVerification;
import school.activity.shared.token.TokenVerifier;

/**
 * The channels' handshakes (three roles, and the summary), in order: Origin (403), token (401) and role (403) when
 * {@code activity.ws.auth=token}, on a role channel the {@code mode} parameter (400), a slot of the channel (503
 * with {@code Retry-After}), a well-formed WebSocket upgrade (400); then the fan-out upgrades the connection.
 */
@Component
class HandshakeFilter implements WebFilter, Ordered {

    private static final String WEBSOCKET = "websocket";

    private final Channels channels;
    private final Fanout fanout;
    private final HandshakeRefusals refusals;
    private final TokenVerifier verifier;
    private final HandshakeProperties properties;
    private final OriginCheck origins;
    private final Map<String, ChannelName> byPath = new HashMap<>();
    private final Map<ChannelName, Set<String>> allowedRoles = new EnumMap<>(ChannelName.class);

    HandshakeFilter(Channels channels, Fanout fanout, HandshakeRefusals refusals, TokenVerifier verifier,
            HandshakeProperties properties) {
        this.channels = channels;
        this.fanout = fanout;
        this.refusals = refusals;
        this.verifier = verifier;
        this.properties = properties;
        this.origins = new OriginCheck(properties.allowedOrigins());
        for (ChannelName channel : ChannelName.values()) {
            byPath.put(channel.path(), channel);
            allowedRoles.put(channel, Set.copyOf(properties.allowedRoles().of(channel)));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        ChannelName role = byPath.get(request.getPath().value());
        if (role == null || request.getMethod() != HttpMethod.GET) {
            return chain.filter(exchange);
        }
        return handshake(exchange, role);
    }

    private Mono<Void> handshake(ServerWebExchange exchange, ChannelName role) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        TokenlessRequests.Tokens tokens = TokenlessRequests.of(request);
        if (!origins.allows(headers.getOrigin())) {
            return refusals.refuse(exchange.getResponse(), role, Refusal.ORIGIN, "origin not allowed");
        }
        Instant expiresAt = null;
        if (properties.auth() == HandshakeProperties.AuthMode.TOKEN) {
            String token = BearerToken.fromAuthorizationHeader(headers.getFirst(HttpHeaders.AUTHORIZATION))
                    .orElseGet(() -> tokens.protocol() != null ? tokens.protocol() : tokens.query());
            TokenVerification verification = verifier.verify(token);
            if (verification instanceof TokenVerification.Rejected rejected) {
                return refusals.refuse(exchange.getResponse(), role, Refusal.TOKEN, rejected.reason().description());
            }
            TokenVerification.Accepted accepted = (TokenVerification.Accepted) verification;
            AuthenticatedUser user = accepted.user();
            if (user.role() == null || !allowedRoles.get(role).contains(user.role())) {
                return refusals.refuse(exchange.getResponse(), role, Refusal.ROLE,
                        "role not allowed on channel " + role.tag());
            }
            // The session ends when its token does, or at the longest session lifetime: the channels carry phone
            // numbers, and a leaked long-lived token must not hold a channel open for weeks.
            expiresAt = verifier.sessionEnd(accepted);
        }
        // The raw query: the token is out of it already.
        Optional<StreamMode> mode = role.role().isPresent()
                ? StreamMode.fromQuery(request.getURI().getRawQuery()) : Optional.of(StreamMode.SNAPSHOT);
        if (mode.isEmpty()) {
            return refusals.refuse(exchange.getResponse(), role, Refusal.MODE, "mode must be delta or absent");
        }
        Channel channel = channels.get(role);
        Admission admission = channel.admission();
        Admission.Ticket ticket = admission.tryAdmit();
        if (ticket == null) {
            return admission.isClosed()
                    ? refusals.refuse(exchange.getResponse(), role, Refusal.SHUTTING_DOWN, "server is shutting down")
                    : refusals.refuse(exchange.getResponse(), role, Refusal.CAPACITY,
                            "channel " + role.tag() + " is full (" + admission.limit() + " connections)");
        }
        if (!isWebSocketUpgrade(headers)) {
            ticket.release();
            return refusals.refuse(exchange.getResponse(), role, Refusal.NOT_WEBSOCKET,
                    "a WebSocket upgrade (version 13) is required");
        }
        return fanout.upgrade(exchange, new SessionSpec(channel.sessions(), ticket::release, expiresAt,
                channel.choiceFor(mode.get()),
                tokens.protocols().contains(ProtocolToken.PROTOCOL) ? ProtocolToken.PROTOCOL : null));
    }

    private static boolean isWebSocketUpgrade(HttpHeaders headers) {
        String upgrade = headers.getUpgrade();
        String connection = String.join(",", headers.getConnection());
        return upgrade != null && WEBSOCKET.equalsIgnoreCase(upgrade.strip())
                && connection.toLowerCase(Locale.ROOT).contains("upgrade")
                && headers.getFirst("Sec-WebSocket-Key") != null
                && "13".equals(headers.getFirst("Sec-WebSocket-Version"));
    }
}
