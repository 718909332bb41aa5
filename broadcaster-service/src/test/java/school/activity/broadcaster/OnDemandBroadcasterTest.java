package school.activity.broadcaster;

import static org.awaitility.Awaitility.await;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import school.activity.broadcaster.channel.Channels;
import school.activity.broadcaster.support.School;
import school.activity.broadcaster.support.WsClient;
import school.activity.shared.contract.Role;
import school.activity.testinfra.TestInfrastructure;

/**
 * One shared context (profile {@code on-demand}): token auth, 5 connections per channel, no scheduled ticks within
 * a test's life, so every message a client gets is the connect-time snapshot. Tests leave every channel empty.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("on-demand")
public abstract class OnDemandBroadcasterTest {

    /** The context's database, for extra instances that share it. */
    protected static String databaseUrl;

    @LocalServerPort
    protected int port;

    /** Health and metrics: a port of their own, which the load balancer does not publish. */
    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected DataSource dataSource;

    @Autowired
    protected Channels channels;

    protected School school;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        databaseUrl = TestInfrastructure.registerDatabase(registry);
    }

    @BeforeEach
    void emptyChannels() {
        school = new School(dataSource);
        for (Role role : Role.values()) {
            await().atMost(WsClient.WAIT).until(() -> channels.connections(role) == 0);
        }
    }
}
