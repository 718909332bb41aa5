package school.activity.broadcaster.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;

import school.activity.broadcaster.OnDemandBroadcasterTest;
import school.activity.broadcaster.support.ExtraInstance;
import school.activity.broadcaster.support.WsClient;
import school.activity.shared.contract.Role;

class GracefulShutdownTest extends OnDemandBroadcasterTest {

    @Test
    void shutdownTakesReadinessDownThenClosesSessionsWithGoingAwayAndRemovesTheInstanceRow() {
        ExtraInstance leaving = ExtraInstance.start("on-demand", databaseUrl, "activity.instance-id=leaving");
        ApplicationAvailability availability = leaving.context().getBean(ApplicationAvailability.class);
        try (WsClient client = WsClient.connectAsAdmin(leaving.port(), Role.STUDENT.path())) {
            client.nextMessage();
            assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
            assertThat(instanceRows("leaving")).isEqualTo(1);
            CompletableFuture<ReadinessState> readinessAtClose =
                    client.closeCode().thenApply(code -> availability.getReadinessState());

            leaving.close();

            assertThat(client.closeCode()).isCompletedWithValue(1001);
            assertThat(readinessAtClose).isCompletedWithValue(ReadinessState.REFUSING_TRAFFIC);
            assertThat(instanceRows("leaving")).isZero();
        }
    }

    private int instanceRows(String id) {
        return school.jdbc().queryForObject(
                "SELECT count(*) FROM activity_broadcaster_instance WHERE instance_id = ?", Integer.class, id);
    }
}
