package school.activity.benchmarks.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WsTargetTest {

    @Test
    void aUrlOrAHostAndPortNameWhereToConnect() {
        assertThat(WsTarget.of("ws://127.0.0.1:24000/ws/students"))
                .isEqualTo(new WsTarget("127.0.0.1", 24000, "/ws/students"));
        assertThat(WsTarget.of("127.0.0.1:24002", "/ws/parents"))
                .isEqualTo(new WsTarget("127.0.0.1", 24002, "/ws/parents"));
    }
}
