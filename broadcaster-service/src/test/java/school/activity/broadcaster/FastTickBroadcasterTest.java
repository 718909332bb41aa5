package school.activity.broadcaster;

import static org.awaitility.Awaitility.await;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
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
 * One shared context (profile {@code fast-ticks}): the seed's open mode, a tick every 200 ms, pings every 3 s,
 * a 2 s send time limit. Tests leave every channel empty.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("fast-ticks")
public abstract class FastTickBroadcasterTest {

    protected static String databaseUrl;

    @LocalServerPort
    protected int port;

    @Autowired
    protected DataSource dataSource;

    @Autowired
    protected Channels channels;

    @Autowired
    protected MeterRegistry meters;

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

    protected double counter(String name, String... tags) {
        var counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
