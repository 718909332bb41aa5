package school.activity.broadcaster.support;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Answers every plain HTTP request (status, history, the dashboard's files, health and metrics) with
 * {@code Connection: close}. Reactor Netty 1.3.6 can stop reading a keep-alive connection for good when the next
 * request arrives before the previous exchange has terminated (reactor-netty issues 4347 and 4361, fixed after the
 * newest release that Maven Central serves here): a client sending requests back to back on one connection then
 * waits forever. These requests are few, so a connection each costs nothing that matters; WebSocket upgrades are
 * left alone (their connection is the session).
 */
@Component
public class OneRequestPerConnection implements WebFilter, Ordered {

    /** Other upgrades (the JDK client offers {@code h2c} on every new connection) are plain requests here. */
    private static final String WEBSOCKET = "websocket";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!WEBSOCKET.equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade())) {
            exchange.getResponse().getHeaders().setConnection("close");
        }
        return chain.filter(exchange);
    }
}
