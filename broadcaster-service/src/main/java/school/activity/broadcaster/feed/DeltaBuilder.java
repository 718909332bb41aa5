package school.activity.broadcaster.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import school.activity.shared.contract.ActivityDelta;
import school.activity.shared.contract.Role;
import school.activity.shared.contract.UserActivity;

/** The difference between two consecutive pictures of a role, as the delta message of the later one. */
public final class DeltaBuilder {

    private DeltaBuilder() {
    }

    /**
     * @param previous the picture of tick {@code seq - 1}
     * @param current  the picture of tick {@code seq}
     * @return every user of {@code current} whose object differs from (or is missing in) {@code previous}, in
     *         {@code current}'s order, and the ids of {@code previous} that {@code current} no longer has
     */
    public static ActivityDelta between(Role role, List<UserActivity> previous, List<UserActivity> current, long seq,
            Instant timestamp) {
        Map<Long, UserActivity> before = new HashMap<>(previous.size() * 2);
        for (UserActivity user : previous) {
            before.put(user.userId(), user);
        }
        List<UserActivity> upsert = new ArrayList<>();
        Set<Long> present = new HashSet<>(current.size() * 2);
        int online = 0;
        for (UserActivity user : current) {
            present.add(user.userId());
            if (!user.equals(before.get(user.userId()))) {
                upsert.add(user);
            }
            if (user.isOnline()) {
                online++;
            }
        }
        List<Long> remove = new ArrayList<>();
        for (UserActivity user : previous) {
            if (!present.contains(user.userId())) {
                remove.add(user.userId());
            }
        }
        return new ActivityDelta(role.deltaType(), seq, seq - 1, timestamp, current.size(), online, upsert, remove);
    }
}
