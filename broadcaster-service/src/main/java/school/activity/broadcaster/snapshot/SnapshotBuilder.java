package school.activity.broadcaster.snapshot;

import java.util.List;

import org.springframework.stereotype.Component;

import school.activity.shared.contract.RecentActivity;
import school.activity.shared.contract.Role;
import school.activity.shared.contract.UserActivity;

/** A role channel's users with the phone policy applied, and the status endpoint's recent activity. */
@Component
public class SnapshotBuilder {

    private final ActivityQueries queries;
    private final PhonePolicy phonePolicy;

    public SnapshotBuilder(ActivityQueries queries, PhoneProperties phone) {
        this.queries = queries;
        this.phonePolicy = phone.phone();
    }

    /** Reads the role's users; a database failure surfaces as a Spring {@code DataAccessException}. */
    public List<UserActivity> load(Role role) {
        List<UserActivity> users = queries.usersOf(role);
        return phonePolicy == PhonePolicy.FULL ? users
                : users.stream().map(u -> u.withPhone(phonePolicy.apply(u.phone()))).toList();
    }

    /** The most recent activity for the status endpoint, with the same phone policy as the channels. */
    public List<RecentActivity> recent(int limit) {
        return queries.recent(limit).stream()
                .map(r -> phonePolicy == PhonePolicy.FULL ? r : new RecentActivity(r.userId(),
                        phonePolicy.apply(r.phone()), r.fullName(), r.role(), r.lastActive()))
                .toList();
    }
}
