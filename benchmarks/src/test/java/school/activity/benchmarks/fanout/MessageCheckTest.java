package school.activity.benchmarks.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import school.activity.shared.contract.Role;

class MessageCheckTest {

    private static String user(long id, boolean online) {
        return "{\"user_id\":" + id + ",\"phone\":\"+1555000" + id + "\","
                + "\"last_active\":\"2026-12-01T12:00:00.000000Z\","
                + "\"is_online\":" + online + ",\"role\":\"teacher\",\"full_name\":\"T " + id + "\"}";
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] full(Long seq, int total, int online, String... users) {
        return json("{\"type\":\"teacher_activity_update\"" + (seq == null ? "" : ",\"seq\":" + seq) + ",\"data\":["
                + String.join(",", users) + "],\"timestamp\":\"2026-12-01T12:00:10.000000Z\",\"total_users\":" + total
                + ",\"online_users\":" + online + "}");
    }

    private static byte[] delta(long seq, long base, int total, int online, String upsert, String remove) {
        return json("{\"type\":\"teacher_activity_delta\",\"seq\":" + seq + ",\"base\":" + base
                + ",\"timestamp\":\"2026-12-01T12:00:20.000000Z\",\"total_users\":" + total + ",\"online_users\":"
                + online + ",\"upsert\":[" + upsert + "],\"remove\":[" + remove + "]}");
    }

    @Test
    void aSeedModeSnapshotMustListItsCountsOfUsers() {
        MessageCheck check = new MessageCheck(Role.TEACHER);

        assertThat(check.accept(full(null, 2, 1, user(1, true), user(2, false)))).isEqualTo(MessageCheck.Kind.FULL);
        assertThat(check.accept(full(null, 3, 1, user(1, true), user(2, false))))
                .isEqualTo(MessageCheck.Kind.INVALID);
        assertThat(check.accept(full(null, 2, 2, user(1, true), user(2, false))))
                .isEqualTo(MessageCheck.Kind.INVALID);
        assertThat(check.accept(json("{\"type\":\"student_activity_update\",\"data\":[]}")))
                .isEqualTo(MessageCheck.Kind.INVALID);
        assertThat(check.accept(json("{\"type\":"))).isEqualTo(MessageCheck.Kind.INVALID);

        assertThat(check.fulls()).isEqualTo(1);
        assertThat(check.fullsWithSeq()).isZero();
        assertThat(check.invalid()).isEqualTo(4);
        assertThat(check.errors()).anySatisfy(e -> assertThat(e).contains("2 users, total_users 3"));
    }

    @Test
    void deltasAppliedToThePictureGiveTheNextTicksList() {
        MessageCheck check = new MessageCheck(Role.TEACHER);
        check.accept(full(41L, 3, 1, user(1, true), user(2, false), user(3, false)));

        // user 2 comes online, user 1 leaves the role, user 4 is new and offline.
        assertThat(check.accept(delta(42, 41, 3, 1, user(2, true) + "," + user(4, false), "1")))
                .isEqualTo(MessageCheck.Kind.DELTA);
        assertThat(check.accept(delta(43, 42, 3, 1, "", ""))).isEqualTo(MessageCheck.Kind.DELTA);

        assertThat(check.picture()).containsOnlyKeys(2L, 3L, 4L);
        assertThat(check.picture().get(2L).path("is_online").asBoolean()).isTrue();
        assertThat(check.deltas()).isEqualTo(2);
        assertThat(check.invalid()).isZero();
    }

    @Test
    void aDeltaMustContinueTheSeqTheConnectionHoldsAndAddUp() {
        MessageCheck check = new MessageCheck(Role.TEACHER);
        assertThat(check.accept(delta(2, 1, 0, 0, "", ""))).isEqualTo(MessageCheck.Kind.INVALID);
        check.accept(full(10L, 1, 1, user(1, true)));

        assertThat(check.accept(delta(12, 11, 1, 1, "", ""))).isEqualTo(MessageCheck.Kind.INVALID);
        assertThat(check.accept(delta(11, 10, 1, 0, "", ""))).isEqualTo(MessageCheck.Kind.INVALID);
        assertThat(check.accept(delta(11, 10, 2, 1, "", ""))).isEqualTo(MessageCheck.Kind.INVALID);
        assertThat(check.invalid()).isEqualTo(4);
        assertThat(check.errors()).anySatisfy(e -> assertThat(e).contains("base 11"));
    }

    @Test
    void afterAMissedTickAFullSnapshotWithALaterSeqResyncs() {
        MessageCheck check = new MessageCheck(Role.TEACHER);
        check.accept(full(10L, 1, 1, user(1, true)));

        assertThat(check.accept(full(12L, 1, 0, user(1, false)))).isEqualTo(MessageCheck.Kind.FULL);
        assertThat(check.accept(delta(13, 12, 1, 0, "", ""))).isEqualTo(MessageCheck.Kind.DELTA);
        assertThat(check.accept(full(12L, 1, 0, user(1, false)))).isEqualTo(MessageCheck.Kind.INVALID);
        assertThat(check.fullsWithSeq()).isEqualTo(2);
    }
}
