package school.activity.broadcaster.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import school.activity.broadcaster.OnDemandBroadcasterTest;
import school.activity.broadcaster.support.WsClient;
import school.activity.shared.contract.Role;

class ConnectionBuffersTest extends OnDemandBroadcasterTest {

    @Autowired
    WebServerApplicationContext context;

    @Autowired
    WebSocketProperties ws;

    @Test
    void tomcatsPerConnectionBuffersHaveTheConfiguredSize() {
        String size = Long.toString(ws.connectionBufferSize().toBytes());
        var connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        assertThat(connector.getProperty("socket.appReadBufSize")).hasToString(size);
        assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString(size);
        assertThat(System.getProperty(ConnectionBuffersConfig.WEBSOCKET_BUFFER_PROPERTY)).isEqualTo(size);
        // Channels still deliver through the small buffers.
        try (WsClient client = WsClient.connectAsAdmin(port, Role.STUDENT.path())) {
            assertThat(client.nextMessage().get("type").asString()).isEqualTo("student_activity_update");
        }
    }
}
