package school.activity.broadcaster.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

import school.activity.broadcaster.channel.ChannelWebSocketHandler;
import school.activity.broadcaster.channel.Channels;
import school.activity.broadcaster.feed.ChannelName;
import school.activity.broadcaster.handshake.CapacityCheck;
import school.activity.broadcaster.handshake.HandshakeRefusals;
import school.activity.broadcaster.handshake.HandshakeRequestFilter;
import school.activity.broadcaster.handshake.ModeCheck;
import school.activity.broadcaster.handshake.OriginCheck;
import school.activity.broadcaster.handshake.ProtocolToken;
import school.activity.broadcaster.handshake.TokenCheck;
import school.activity.shared.token.TokenVerifier;

/**
 * The channel endpoints (three roles, and the summary). Each handshake passes, in order: Origin (403), token (401)
 * and role (403) when {@code activity.ws.auth=token}, on a role channel the {@code mode} parameter (400), capacity
 * (503).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
public class WebSocketConfig implements WebSocketConfigurer {

    private final WebSocketProperties ws;
    private final ChannelWebSocketHandler handler;
    private final Channels channels;
    private final HandshakeRefusals refusals;
    private final TokenVerifier verifier;

    public WebSocketConfig(WebSocketProperties ws, ChannelWebSocketHandler handler, Channels channels,
            HandshakeRefusals refusals, TokenVerifier verifier) {
        this.ws = ws;
        this.handler = handler;
        this.channels = channels;
        this.refusals = refusals;
        this.verifier = verifier;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        DefaultHandshakeHandler handshakeHandler = new DefaultHandshakeHandler();
        // Offered beside a token in Sec-WebSocket-Protocol; the only name ever echoed, never the token.
        handshakeHandler.setSupportedProtocols(ProtocolToken.PROTOCOL);
        for (ChannelName channel : ChannelName.values()) {
            registry.addHandler(handler, channel.path())
                    .setHandshakeHandler(handshakeHandler)
                    .addInterceptors(checks(channel).toArray(HandshakeInterceptor[]::new))
                    // Origins are checked by OriginCheck, first; Spring's own check would refuse cross-origin.
                    .setAllowedOriginPatterns("*");
        }
    }

    private List<HandshakeInterceptor> checks(ChannelName channel) {
        List<HandshakeInterceptor> checks = new ArrayList<>();
        checks.add(new OriginCheck(channel, ws.allowedOrigins(), refusals));
        if (ws.auth() == WebSocketProperties.AuthMode.TOKEN) {
            List<String> roles = channel.role().map(ws.allowedRoles()::of).orElseGet(ws.allowedRoles()::summary);
            checks.add(new TokenCheck(channel, roles, verifier, refusals));
        }
        if (channel.role().isPresent()) {
            checks.add(new ModeCheck(channel, refusals));
        }
        checks.add(new CapacityCheck(channels.get(channel), refusals));
        return checks;
    }

    /** Container limits: client messages are tiny (larger ones close the session with 1009). */
    @Bean
    public ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        int incoming = Math.toIntExact(ws.maxIncomingMessageSize().toBytes());
        container.setMaxTextMessageBufferSize(incoming);
        container.setMaxBinaryMessageBufferSize(incoming);
        container.setAsyncSendTimeout(ws.sendTimeLimit().toMillis());
        return container;
    }

    @Bean
    public FilterRegistrationBean<HandshakeRequestFilter> handshakeRequestFilter() {
        FilterRegistrationBean<HandshakeRequestFilter> registration =
                new FilterRegistrationBean<>(new HandshakeRequestFilter());
        registration.addUrlPatterns("/ws/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
