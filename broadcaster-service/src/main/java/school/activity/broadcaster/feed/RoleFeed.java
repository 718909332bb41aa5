package school.activity.broadcaster.feed;

import java.util.List;

import school.activity.broadcaster.snapshot.SnapshotBuilder;
import school.activity.shared.contract.Role;
import school.activity.shared.contract.UserActivity;

/** A role channel's feed: the role's users (with the phone policy), turned into snapshots and deltas. */
final class RoleFeed implements ChannelFeed {

    private final Role role;
    private final SnapshotBuilder snapshots;
    private final ChannelPicture picture;

    RoleFeed(Role role, SnapshotBuilder snapshots) {
        this.role = role;
        this.snapshots = snapshots;
        this.picture = new ChannelPicture(role);
    }

    @Override
    public Pending load() {
        List<UserActivity> users = snapshots.load(role);
        return timestamp -> picture.next(users, timestamp);
    }
}
