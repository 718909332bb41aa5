package school.activity.broadcaster.feed;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import school.activity.broadcaster.snapshot.ActivityQueries;
import school.activity.broadcaster.snapshot.SnapshotBuilder;
import school.activity.shared.contract.Role;

/** The feed of every channel of this instance: each keeps its own tick numbers and last picture. */
@Component
public class ChannelFeeds {

    private final Map<ChannelName, ChannelFeed> feeds = new EnumMap<>(ChannelName.class);

    public ChannelFeeds(SnapshotBuilder snapshots, ActivityQueries queries) {
        for (Role role : Role.values()) {
            feeds.put(ChannelName.of(role), new RoleFeed(role, snapshots));
        }
        feeds.put(ChannelName.SUMMARY, new SummaryFeed(queries));
    }

    public ChannelFeed of(ChannelName channel) {
        return feeds.get(channel);
    }
}
