package school.activity.broadcaster.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import tools.jackson.databind.JsonNode;

import school.activity.broadcaster.FastTickBroadcasterTest;
import school.activity.broadcaster.support.WsClient;
import school.activity.shared.contract.Role;
import school.activity.testinfra.SharedPostgres;

class DatabaseOutageTest extends FastTickBroadcasterTest {

    @Test
    void connectionsStayOpenDuringAnOutageAndBroadcastsResumeAfterIt() throws Exception {
        school.activeSecondsAgo(school.addUser(Role.STUDENT, "before the outage"), 1);
        String database = databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1).split("\\?")[0];
        double failuresBefore = counter("activity.broadcast.failures", "channel", "students");

        try (WsClient client = WsClient.connect(port, Role.STUDENT.path(), Map.of())) {
            client.nextMessage();
            try (Connection admin = SharedPostgres.get().connect(adminUrl())) {
                cutOff(admin, database);
                try {
                    await().atMost(WsClient.WAIT).until(() ->
                            counter("activity.broadcast.failures", "channel", "students") >= failuresBefore + 3);
                    assertThat(client.isOpen()).isTrue();
                    assertThat(channels.connections(Role.STUDENT)).isEqualTo(1);
                } finally {
                    allow(admin, database);
                }
            }
            // The pool reconnects by itself; on a loaded machine its first attempts after the outage may time out.
            long added = await().atMost(WsClient.WAIT).ignoreException(CannotGetJdbcConnectionException.class)
                    .until(() -> school.addUser(Role.STUDENT, "after the outage"), id -> id > 0);
            int seen = client.received();
            await().atMost(WsClient.WAIT).untilAsserted(() -> {
                JsonNode message = client.awaitMessageAfter(seen);
                assertThat(StreamSupport.stream(message.get("data").spliterator(), false)
                        .anyMatch(user -> user.get("user_id").asLong() == added)).isTrue();
            });
            assertThat(client.isOpen()).isTrue();
        }
    }

    /** Makes the database unreachable for the broadcaster without stopping the shared server. */
    private static void cutOff(Connection admin, String database) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
        }
        try (PreparedStatement terminate = admin.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            terminate.setString(1, database);
            terminate.execute();
        }
    }

    private static void allow(Connection admin, String database) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
        }
    }

    /** The same server's maintenance database. */
    private static String adminUrl() {
        int slash = databaseUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = databaseUrl.indexOf('?', slash);
        return databaseUrl.substring(0, slash + 1) + "postgres" + (query < 0 ? "" : databaseUrl.substring(query));
    }
}
