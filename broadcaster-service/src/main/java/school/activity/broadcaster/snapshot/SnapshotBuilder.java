package school.activity.broadcaster.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import school.activity.broadcaster.config.WebSocketProperties;
import school.activity.shared.contract.ActivityJson;
import school.activity.shared.contract.ActivityUpdate;
import school.activity.shared.contract.RecentActivity;
import school.activity.shared.contract.Role;
import school.activity.shared.contract.Timestamps;
import school.activity.shared.contract.UserActivity;

/** Builds a channel's frame: one query, the phone policy, one serialisation. */
@Component
public class SnapshotBuilder {

    private final ActivityQueries queries;
    private final PhonePolicy phonePolicy;
    private final AtomicLong sequence = new AtomicLong();

    public SnapshotBuilder(ActivityQueries queries, WebSocketProperties ws) {
        this.queries = queries;
        this.phonePolicy = ws.phone();
    }

    /** Reads the role's users; a database failure surfaces as a Spring {@code DataAccessException}. */
    public List<UserActivity> load(Role role) {
        List<UserActivity> users = queries.usersOf(role);
        return phonePolicy == PhonePolicy.FULL ? users
                : users.stream().map(u -> u.withPhone(phonePolicy.apply(u.phone()))).toList();
    }

    public Frame encode(Role role, List<UserActivity> users) {
        Instant now = Timestamps.truncate(Instant.now());
        String text = ActivityJson.mapper().writeValueAsString(ActivityUpdate.of(role, users, now));
        return Frame.encode(sequence.incrementAndGet(), text, now, System.nanoTime());
    }

    /** The most recent activity for the status endpoint, with the same phone policy as the channels. */
    public List<RecentActivity> recent(int limit) {
        return queries.recent(limit).stream()
                .map(r -> phonePolicy == PhonePolicy.FULL ? r : new RecentActivity(r.userId(),
                        phonePolicy.apply(r.phone()), r.fullName(), r.role(), r.lastActive()))
                .toList();
    }
}
