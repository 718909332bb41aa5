package school.activity.broadcaster.fanout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The broadcast engine: upgrades admitted handshakes to WebSocket sessions on Reactor Netty's connections and
 * serves the channels' ticks to them (see {@link FanoutChannel}).
 */
@Component
public class Fanout {

    static final String EXTENSIONS_HEADER = "Sec-WebSocket-Extensions";
    static final String PROTOCOL_HEADER = "Sec-WebSocket-Protocol";

    private final FanoutProperties properties;
    private final MeterRegistry registry;
    private final MessageDeflater deflater;
    private final Map<String, FanoutChannel> channels = new ConcurrentHashMap<>();
    private final WebsocketServerSpec spec;
    private final Map<String, WebsocketServerSpec> specsByProtocol = new ConcurrentHashMap<>();

    public Fanout(FanoutProperties properties, MeterRegistry registry) {
        this.properties = properties;
        this.registry = registry;
        this.deflater = new MessageDeflater(properties.compression().level());
        this.spec = spec(null);
    }

    private WebsocketServerSpec spec(String protocol) {
        WebsocketServerSpec.Builder builder = WebsocketServerSpec.builder()
                .maxFramePayloadLength(Math.toIntExact(properties.maxIncomingMessageSize().toBytes()))
                .handlePing(false)
                .compress(false);
        return (protocol == null ? builder : builder.protocols(protocol)).build();
    }

    /** The channel of that name, created on first use. */
    public FanoutChannel channel(String name) {
        return channels.computeIfAbsent(name,
                n -> new FanoutChannel(n, properties, deflater, new FanoutMetrics(registry, n)));
    }

    /**
     * Answers the handshake with 101 and opens the session. permessage-deflate is accepted (with
     * {@code server_no_context_takeover}) when the client offers it in a form the shared compressed frames suit.
     * The slot is given back if the upgrade fails.
     */
    public Mono<Void> upgrade(ServerWebExchange exchange, SessionSpec session) {
        ServerHttpResponse response = exchange.getResponse();
        HttpServerResponse reactorResponse = ServerHttpResponseDecorator.getNativeResponse(response);
        boolean deflate = properties.compression().enabled()
                && DeflateOffer.acceptable(String.join(",",
                        exchange.getRequest().getHeaders().getOrEmpty(EXTENSIONS_HEADER)));
        HttpHeaders headers = response.getHeaders();
        if (deflate) {
            headers.set(EXTENSIONS_HEADER, DeflateOffer.ACCEPTED);
        }
        // Netty negotiates from the connection's own request: it must only ever see the protocol to answer with,
        // never a token offered beside it.
        io.netty.handler.codec.http.HttpHeaders nativeHeaders =
                ServerHttpRequestDecorator.<HttpServerRequest>getNativeRequest(exchange.getRequest()).requestHeaders();
        nativeHeaders.remove(PROTOCOL_HEADER);
        WebsocketServerSpec sessionSpec = spec;
        if (session.protocol() != null) {
            nativeHeaders.set(PROTOCOL_HEADER, session.protocol());
            sessionSpec = specsByProtocol.computeIfAbsent(session.protocol(), this::spec);
        }
        WebsocketServerSpec upgradeSpec = sessionSpec;
        // Applies the headers to the native response (they go into the 101), then upgrades.
        return response.setComplete()
                .then(Mono.defer(() -> reactorResponse.sendWebsocket(
                        (in, out) -> open(in, out, session, deflate), upgradeSpec)))
                .doOnError(e -> session.release().run())
                .doOnCancel(() -> session.release().run());
    }

    private Mono<Void> open(WebsocketInbound in, WebsocketOutbound out, SessionSpec spec, boolean deflate) {
        List<Channel> connection = new ArrayList<>(1);
        in.withConnection(c -> connection.add(c.channel()));
        Session session = new Session(connection.get(0), out, spec, deflate);
        FanoutChannel channel = spec.channel();
        Channel netty = session.connection;
        if (netty.eventLoop().inEventLoop()) {
            channel.join(session);
        } else {
            netty.eventLoop().execute(() -> channel.join(session));
        }
        return in.receiveFrames()
                .doOnNext(frame -> received(channel, session, frame))
                .then();
    }

    private static void received(FanoutChannel channel, Session session, WebSocketFrame frame) {
        boolean pong = frame instanceof PongWebSocketFrame;
        boolean last = frame.isFinalFragment();
        channel.received(session, pong, frame.content().readableBytes(), last);
    }

    /** Closes every session of every channel with 1001 Going Away. */
    public CompletableFuture<Void> closeAll() {
        return CompletableFuture.allOf(channels.values().stream().map(FanoutChannel::closeAll)
                .toArray(CompletableFuture[]::new));
    }
}
