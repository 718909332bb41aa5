package school.activity.broadcaster.handshake;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
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
import school.activity.broadcaster.fanout.MessageChoice;
import school.activity.broadcaster.fanout.SessionSpec;
import school.activity.shared.contract.Role;
import school.activity.shared.token.AuthenticatedUser;
import school.activity.shared.token.BearerToken;
import school.activity.shared.token.TokenVerification;
import school.activity.shared.token.TokenVerifier;

/**
 * The channels' handshakes, in order: Origin (403), token (401) and role (403) when {@code activity.ws.auth=token},
 * a slot of the channel (503 with {@code Retry-After}), a well-formed WebSocket upgrade (400); then the fan-out
 * upgrades the connection.
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
    private final Map<String, Role> byPath = new HashMap<>();
    private final Map<Role, Set<String>> allowedRoles = new EnumMap<>(Role.class);

    HandshakeFilter(Channels channels, Fanout fanout, HandshakeRefusals refusals, TokenVerifier verifier,
            HandshakeProperties properties) {
        this.channels = channels;
        this.fanout = fanout;
        this.refusals = refusals;
        this.verifier = verifier;
        this.properties = properties;
        this.origins = new OriginCheck(properties.allowedOrigins());
        for (Role role : Role.values()) {
            byPath.put(role.path(), role);
            allowedRoles.put(role, Set.copyOf(properties.allowedRoles().of(role)));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        Role role = byPath.get(request.getPath().value());
        if (role == null || request.getMethod() != HttpMethod.GET) {
            return chain.filter(exchange);
        }
        return handshake(exchange, role);
    }

    private Mono<Void> handshake(ServerWebExchange exchange, Role role) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        if (!origins.allows(headers.getOrigin())) {
            return refusals.refuse(exchange.getResponse(), role, Refusal.ORIGIN, "origin not allowed");
        }
        Instant expiresAt = null;
        if (properties.auth() == HandshakeProperties.AuthMode.TOKEN) {
            String token = BearerToken.fromAuthorizationHeader(headers.getFirst(HttpHeaders.AUTHORIZATION))
                    .orElseGet(() -> TokenlessRequests.token(request));
            TokenVerification verification = verifier.verify(token);
            if (verification instanceof TokenVerification.Rejected rejected) {
                return refusals.refuse(exchange.getResponse(), role, Refusal.TOKEN, rejected.reason().description());
            }
            TokenVerification.Accepted accepted = (TokenVerification.Accepted) verification;
            AuthenticatedUser user = accepted.user();
            if (user.role() == null || !allowedRoles.get(role).contains(user.role())) {
                return refusals.refuse(exchange.getResponse(), role, Refusal.ROLE,
                        "role not allowed on channel " + role.channel());
            }
            // The session ends when its token does: the channels carry phone numbers.
            expiresAt = accepted.expiry().orElse(null);
        }
        Channel channel = channels.get(role);
        Admission admission = channel.admission();
        Admission.Ticket ticket = admission.tryAdmit();
        if (ticket == null) {
            return admission.isClosed()
                    ? refusals.refuse(exchange.getResponse(), role, Refusal.SHUTTING_DOWN, "server is shutting down")
                    : refusals.refuse(exchange.getResponse(), role, Refusal.CAPACITY,
                            "channel " + role.channel() + " is full (" + admission.limit() + " connections)");
        }
        if (!isWebSocketUpgrade(headers)) {
            ticket.release();
            return refusals.refuse(exchange.getResponse(), role, Refusal.NOT_WEBSOCKET,
                    "a WebSocket upgrade (version 13) is required");
        }
        return fanout.upgrade(exchange, new SessionSpec(channel.sessions(), ticket::release, expiresAt,
                MessageChoice.FULL));
    }

    private static boolean isWebSocketUpgrade(HttpHeaders headers) {
        String upgrade = headers.getUpgrade();
        String connection = String.join(",", headers.getConnection());
        return upgrade != null && WEBSOCKET.equalsIgnoreCase(upgrade.strip())
                && connection.toLowerCase(java.util.Locale.ROOT).contains("upgrade")
                && headers.getFirst("Sec-WebSocket-Key") != null
                && "13".equals(headers.getFirst("Sec-WebSocket-Version"));
    }
}
