package school.activity.benchmarks.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class FrameTimestampTest {

    @Test
    void readsTheTimestampFromAMessagesTail() {
        byte[] tail = "e\":\"Ann\"}],\"timestamp\":\"2026-12-01T12:00:00.123456Z\",\"total_users\":2000,\"online_users\":9}"
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(FrameTimestamp.parse(tail, tail.length)).isEqualTo(Instant.parse("2026-12-01T12:00:00.123456Z"));
    }

    @Test
    void aTailWithoutACompleteTimestampHasNone() {
        byte[] cut = "mp\":\"2026-12-01T12:00:00.123456Z\",\"total_users\":2000}".getBytes(StandardCharsets.US_ASCII);
        byte[] garbled = "\"timestamp\":\"yesterday\"}".getBytes(StandardCharsets.US_ASCII);

        assertThat(FrameTimestamp.parse(cut, cut.length)).isNull();
        assertThat(FrameTimestamp.parse(garbled, garbled.length)).isNull();
    }
}
