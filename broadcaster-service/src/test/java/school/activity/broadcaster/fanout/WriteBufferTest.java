package school.activity.broadcaster.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.netty.channel.Channel;
import io.netty.channel.WriteBufferWaterMark;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import school.activity.broadcaster.OnDemandBroadcasterTest;
import school.activity.broadcaster.support.WsClient;
import school.activity.shared.contract.Role;

class WriteBufferTest extends OnDemandBroadcasterTest {

    @Autowired
    FanoutProperties properties;

    @Test
    void everySessionsConnectionHasTheConfiguredWaterMarksAndRunsOnTheEngineLoops() {
        try (WsClient client = WsClient.connectAsAdmin(port, Role.STUDENT.path())) {
            assertThat(client.nextMessage().get("type").asString()).isEqualTo("student_activity_update");
            List<Channel> connections = channels.get(Role.STUDENT).sessions().connections().join();
            assertThat(connections).hasSize(1);
            WriteBufferWaterMark marks = connections.get(0).config().getWriteBufferWaterMark();
            assertThat(marks.low()).isEqualTo(properties.writeBuffer().low().toBytes());
            assertThat(marks.high()).isEqualTo(properties.writeBuffer().high().toBytes());
            assertThat(connections.get(0).eventLoop().inEventLoop()).isFalse();
            assertThat(connections.get(0).eventLoop().submit(() -> Thread.currentThread().getName()).syncUninterruptibly()
                    .getNow()).startsWith("activity-io");
        }
    }
}
