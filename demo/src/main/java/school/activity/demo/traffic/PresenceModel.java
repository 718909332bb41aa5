package school.activity.demo.traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import school.activity.shared.contract.Role;

/**
 * Who of the simulated school is online, and who is due to send a request, tick by tick. Pure logic on a clock the
 * caller passes in. Per role, the users sit in one array: the online ones in front, the offline ones behind, so
 * bringing a random user online or sending one offline is a constant-time swap.
 */
public final class PresenceModel {

    private final TrafficProfile profile;
    private final RandomGenerator random;
    private final Map<Role, Cohort> cohorts = new EnumMap<>(Role.class);

    public PresenceModel(List<DemoUser> users, TrafficProfile profile, RandomGenerator random) {
        this.profile = profile;
        this.random = random;
        for (Role role : Role.values()) {
            List<DemoUser> ofRole = users.stream().filter(u -> u.role() == role).toList();
            cohorts.put(role, new Cohort(ofRole.toArray(DemoUser[]::new)));
        }
    }

    /**
     * Advances the model to {@code elapsed} since the start: some online users leave, others come online until each
     * role is at its target share, and every online user whose pause is over is returned to send a request now.
     */
    public List<DemoUser> tick(Duration elapsed) {
        long now = elapsed.toMillis();
        double leaveChance = (double) profile.tick().toMillis() / profile.meanSession().toMillis();
        List<DemoUser> due = new ArrayList<>();
        for (Map.Entry<Role, Cohort> entry : cohorts.entrySet()) {
            Cohort cohort = entry.getValue();
            for (int i = cohort.online - 1; i >= 0; i--) {
                if (random.nextDouble() < leaveChance) {
                    cohort.goOffline(i);
                }
            }
            int target = (int) Math.round(profile.targetShare(entry.getKey(), elapsed) * cohort.users.length);
            while (cohort.online < target) {
                // The first request comes within the shortest pause, so a crowd coming online is spread out.
                long firstRequestAt = now + random.nextLong(profile.minInterval().toMillis() + 1);
                cohort.goOnline(cohort.online + random.nextInt(cohort.users.length - cohort.online), firstRequestAt);
            }
            while (cohort.online > target) {
                cohort.goOffline(random.nextInt(cohort.online));
            }
            for (int i = 0; i < cohort.online; i++) {
                if (cohort.nextRequestAt[i] <= now) {
                    due.add(cohort.users[i]);
                    cohort.nextRequestAt[i] = now + pause();
                }
            }
        }
        return due;
    }

    /** How many users of {@code role} the model has online. */
    public int online(Role role) {
        return cohorts.get(role).online;
    }

    public int total(Role role) {
        return cohorts.get(role).users.length;
    }

    private long pause() {
        long min = profile.minInterval().toMillis();
        long max = profile.maxInterval().toMillis();
        return min == max ? min : random.nextLong(min, max + 1);
    }

    private static final class Cohort {
        private final DemoUser[] users;
        private final long[] nextRequestAt;
        private int online;

        Cohort(DemoUser[] users) {
            this.users = users;
            this.nextRequestAt = new long[users.length];
        }

        /** Moves the offline user at {@code index} to the online block. */
        void goOnline(int index, long firstRequestAt) {
            swap(index, online);
            nextRequestAt[online] = firstRequestAt;
            online++;
        }

        void goOffline(int index) {
            online--;
            swap(index, online);
        }

        private void swap(int a, int b) {
            DemoUser user = users[a];
            users[a] = users[b];
            users[b] = user;
            long time = nextRequestAt[a];
            nextRequestAt[a] = nextRequestAt[b];
            nextRequestAt[b] = time;
        }
    }
}
