package school.activity.broadcaster.config;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sizes Tomcat's per-connection buffers with {@code activity.ws.connection-buffer-size}. With thousands of
 * connections their 8 KB defaults filled the heap (JFR: back-to-back full collections at 9000 connections and
 * {@code -Xmx512m}). Runs before Tomcat starts, which is when its WebSocket classes read their buffer size; an
 * operator's own {@code -Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE} wins.
 */
@Configuration(proxyBeanMethods = false)
public class ConnectionBuffersConfig {

    /** Tomcat's WebSocket frame read and write buffers (read once, when its WebSocket classes load). */
    static final String WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> connectionBuffers(WebSocketProperties ws) {
        String size = Long.toString(ws.connectionBufferSize().toBytes());
        return factory -> {
            if (System.getProperty(WEBSOCKET_BUFFER_PROPERTY) == null) {
                System.setProperty(WEBSOCKET_BUFFER_PROPERTY, size);
            }
            factory.addConnectorCustomizers(connector -> {
                connector.setProperty("socket.appReadBufSize", size);
                connector.setProperty("socket.appWriteBufSize", size);
            });
        };
    }
}
