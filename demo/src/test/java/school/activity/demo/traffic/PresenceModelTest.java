package school.activity.demo.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import school.activity.shared.contract.Role;

class PresenceModelTest {

    private static final TrafficProfile PROFILE = TrafficProfile.SCHOOL_DAY;
    private static final Duration TICK = PROFILE.tick();

    private final List<DemoUser> users = school(2000, 150, 3000);
    private final PresenceModel model = new PresenceModel(users, PROFILE, new Random(1));

    @Test
    void eachRoleIsOnlineAtItsTargetShare() {
        Duration elapsed = Duration.ZERO;
        for (int i = 0; i < 100; i++) {
            model.tick(elapsed);
            for (Role role : Role.values()) {
                double target = PROFILE.targetShare(role, elapsed) * model.total(role);
                assertThat((double) model.online(role)).as(role + " at " + elapsed).isCloseTo(target, within(1.0));
            }
            elapsed = elapsed.plus(TICK);
        }
    }

    @Test
    void onlineUsersCallAgainWithinTheirPauseSoTheyStayOnline() {
        Map<Long, List<Long>> calls = new HashMap<>();
        Duration elapsed = Duration.ZERO;
        for (int i = 0; i < 180; i++) {
            for (DemoUser user : model.tick(elapsed)) {
                calls.computeIfAbsent(user.id(), id -> new ArrayList<>()).add(elapsed.toMillis());
            }
            elapsed = elapsed.plus(TICK);
        }

        long shortest = PROFILE.minInterval().toMillis();
        long longest = PROFILE.maxInterval().toMillis() + TICK.toMillis();
        List<Long> gaps = calls.values().stream()
                .flatMap(times -> IntStream.range(1, times.size()).mapToObj(i -> times.get(i) - times.get(i - 1)))
                .toList();
        // Other gaps are a session that ended and a later one; within a session, calls keep the user online.
        long withinPause = gaps.stream().filter(gap -> gap >= shortest && gap <= longest).count();
        assertThat(gaps).hasSizeGreaterThan(10_000);
        assertThat(withinPause).isGreaterThan(gaps.size() * 9 / 10);
        assertThat(longest).isLessThan(Duration.ofSeconds(30).toMillis());
    }

    @Test
    void peopleKeepComingAndGoing() {
        Set<Long> seenOnline = new HashSet<>();
        Duration elapsed = Duration.ZERO;
        for (int i = 0; i < 300; i++) {
            model.tick(elapsed).forEach(user -> seenOnline.add(user.id()));
            elapsed = elapsed.plus(TICK);
        }

        // Over five minutes far more users were online at some point than at any one moment.
        int onlineNow = 0;
        for (Role role : Role.values()) {
            onlineNow += model.online(role);
        }
        assertThat(seenOnline.size()).isGreaterThan(onlineNow * 2);
    }

    @Test
    void aRoleWithoutUsersStaysEmpty() {
        PresenceModel noParents = new PresenceModel(school(10, 2, 0), PROFILE, new Random(2));

        noParents.tick(Duration.ZERO);

        assertThat(noParents.online(Role.PARENT)).isZero();
        assertThat(noParents.online(Role.STUDENT)).isPositive();
    }

    private static List<DemoUser> school(int students, int teachers, int parents) {
        List<DemoUser> users = new ArrayList<>();
        long id = 1;
        for (int i = 0; i < students; i++) {
            users.add(new DemoUser(id++, Role.STUDENT, null));
        }
        for (int i = 0; i < teachers; i++) {
            users.add(new DemoUser(id++, Role.TEACHER, null));
        }
        for (int i = 0; i < parents; i++) {
            users.add(new DemoUser(id++, Role.PARENT, null));
        }
        return users;
    }
}
