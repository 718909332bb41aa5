package school.activity.broadcaster.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import school.activity.shared.contract.ActivityDelta;
import school.activity.shared.contract.Role;
import school.activity.shared.contract.UserActivity;

class DeltaBuilderTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:31:05.123456Z");
    /** The channels' order: last_active descending, never-active last, then user_id. */
    private static final Comparator<UserActivity> CHANNEL_ORDER = Comparator
            .comparing(UserActivity::lastActive, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparingLong(UserActivity::userId);

    @Test
    void upsertHoldsNewAndChangedUsersAndRemoveTheUsersThatLeft() {
        UserActivity same = user(1, "+998900000001", NOW.minusSeconds(5), true, "Same");
        UserActivity moved = user(2, "+998900000002", NOW.minusSeconds(50), false, "Moved");
        UserActivity flipped = user(3, "+998900000003", NOW.minusSeconds(29), true, "Flipped");
        UserActivity renamed = user(4, "+998900000004", null, false, "Old name");
        UserActivity leaving = user(5, "+998900000005", NOW.minusSeconds(100), false, "Leaving");
        List<UserActivity> previous = List.of(same, flipped, moved, leaving, renamed);

        UserActivity movedNow = user(2, "+998900000002", NOW.minusSeconds(1), true, "Moved");
        UserActivity flippedNow = user(3, "+998900000003", NOW.minusSeconds(29), false, "Flipped");
        UserActivity renamedNow = user(4, "+998900000099", null, false, "New name");
        UserActivity joined = user(6, null, null, false, "Joined");
        List<UserActivity> current = List.of(movedNow, same, flippedNow, renamedNow, joined);

        ActivityDelta delta = DeltaBuilder.between(Role.STUDENT, previous, current, 42, NOW);

        assertThat(delta.type()).isEqualTo("student_activity_delta");
        assertThat(delta.seq()).isEqualTo(42);
        assertThat(delta.base()).isEqualTo(41);
        assertThat(delta.timestamp()).isEqualTo(NOW);
        assertThat(delta.upsert()).containsExactly(movedNow, flippedNow, renamedNow, joined);
        assertThat(delta.remove()).containsExactly(5L);
        assertThat(delta.totalUsers()).isEqualTo(5);
        assertThat(delta.onlineUsers()).isEqualTo(2);
        assertThat(apply(previous, delta)).isEqualTo(current);
    }

    @Test
    void aTickWithoutChangeIsAnEmptyDeltaWithTheCounts() {
        List<UserActivity> picture = List.of(user(1, "+1", NOW, true, "A"), user(2, "+2", null, false, "B"));

        ActivityDelta delta = DeltaBuilder.between(Role.TEACHER, picture, List.copyOf(picture), 7, NOW);

        assertThat(delta.upsert()).isEmpty();
        assertThat(delta.remove()).isEmpty();
        assertThat(delta.totalUsers()).isEqualTo(2);
        assertThat(delta.onlineUsers()).isEqualTo(1);
    }

    @Test
    void appliedTickAfterTickTheDeltasRebuildEveryPictureExactly() {
        Random random = new Random(17);
        List<UserActivity> picture = new ArrayList<>();
        for (int id = 1; id <= 300; id++) {
            picture.add(user(id, "+99890" + id, random.nextBoolean() ? null : NOW.minusSeconds(random.nextInt(120)),
                    random.nextBoolean(), "User " + id));
        }
        picture.sort(CHANNEL_ORDER);
        List<UserActivity> held = picture;
        int nextId = 301;
        for (long seq = 2; seq <= 40; seq++) {
            List<UserActivity> next = new ArrayList<>();
            for (UserActivity user : picture) {
                int dice = random.nextInt(10);
                if (dice == 0) {
                    continue; // left the role
                }
                next.add(dice == 1 ? user(user.userId(), user.phone(), NOW.plusSeconds(seq), true, user.fullName())
                        : dice == 2 ? user(user.userId(), user.phone(), user.lastActive(), !user.isOnline(),
                                user.fullName()) : user);
            }
            for (int i = random.nextInt(4); i > 0; i--) {
                next.add(user(nextId, "+99891" + nextId, null, false, "New " + nextId++));
            }
            next.sort(CHANNEL_ORDER);

            ActivityDelta delta = DeltaBuilder.between(Role.PARENT, picture, next, seq, NOW);

            held = apply(held, delta);
            assertThat(held).as("picture of tick %d", seq).isEqualTo(next);
            assertThat(delta.upsert().size()).isLessThan(next.size());
            picture = next;
        }
    }

    /** What a client does: replace or add the upserted users, drop the removed ids, sort in the channels' order. */
    static List<UserActivity> apply(List<UserActivity> picture, ActivityDelta delta) {
        Map<Long, UserActivity> byId = new LinkedHashMap<>();
        picture.forEach(user -> byId.put(user.userId(), user));
        delta.remove().forEach(byId::remove);
        delta.upsert().forEach(user -> byId.put(user.userId(), user));
        List<UserActivity> result = new ArrayList<>(byId.values());
        result.sort(CHANNEL_ORDER);
        return result;
    }

    static UserActivity user(long id, String phone, Instant lastActive, boolean online, String name) {
        return new UserActivity(id, phone, lastActive, online, "student", name);
    }
}
