package school.activity.benchmarks.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class MessageFieldsTest {

    private static final long MICROS = Instant.parse("2026-12-01T12:00:01.123456Z").toEpochMilli() * 1000 + 456;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aFullSnapshotsTimestampIsInItsTail() {
        byte[] head = bytes("{\"type\":\"student_activity_update\",\"seq\":4,\"data\":[{\"user_id\":1");
        byte[] tail = bytes("}],\"timestamp\":\"2026-12-01T12:00:01.123456Z\",\"total_users\":1,\"online_users\":0}");

        assertThat(MessageFields.timestampMicros(head, head.length, tail, tail.length)).isEqualTo(MICROS);
        assertThat(MessageFields.type(head, head.length)).isEqualTo("student_activity_update");
        assertThat(MessageFields.isDelta("student_activity_update")).isFalse();
    }

    @Test
    void aDeltasTimestampIsInItsHead() {
        byte[] head = bytes("{\"type\":\"parent_activity_delta\",\"seq\":5,\"base\":4,"
                + "\"timestamp\":\"2026-12-01T12:00:01.123456Z\",\"total_users\":3,\"upsert\":[{\"user_id\":9");
        byte[] tail = bytes("\"full_name\":\"P\"}],\"remove\":[7,8]}");

        assertThat(MessageFields.timestampMicros(head, head.length, tail, tail.length)).isEqualTo(MICROS);
        assertThat(MessageFields.isDelta(MessageFields.type(head, head.length))).isTrue();
    }

    @Test
    void aMessageWithoutTheFieldsHasNone() {
        byte[] garbage = bytes("x\u00ff\"timestamp\":\"not a time\"");

        assertThat(MessageFields.timestampMicros(garbage, garbage.length, garbage, garbage.length))
                .isEqualTo(MessageFields.NO_TIMESTAMP);
        assertThat(MessageFields.type(garbage, garbage.length)).isNull();
    }
}
