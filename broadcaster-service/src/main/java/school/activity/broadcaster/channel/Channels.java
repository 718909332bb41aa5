package school.activity.broadcaster.channel;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import school.activity.broadcaster.fanout.Fanout;
import school.activity.broadcaster.feed.ChannelFeeds;
import school.activity.broadcaster.feed.ChannelName;
import school.activity.shared.contract.Role;

/** The channels of this instance: one per role, and the summary. Each has the per-channel limit. */
@Component
public class Channels {

    private final Map<ChannelName, Channel> channels = new EnumMap<>(ChannelName.class);

    public Channels(ChannelProperties properties, ChannelFeeds feeds, MeterRegistry registry, Fanout fanout) {
        for (ChannelName name : ChannelName.values()) {
            Admission admission = new Admission(properties.maxConnectionsPerChannel());
            channels.put(name, new Channel(name, feeds.of(name), admission,
                    new ChannelMetrics(registry, name, admission), fanout.channel(name.tag())));
        }
    }

    public Channel get(ChannelName name) {
        return channels.get(name);
    }

    public Channel get(Role role) {
        return get(ChannelName.of(role));
    }

    public Collection<Channel> all() {
        return channels.values();
    }

    public int connections(Role role) {
        return get(role).connections();
    }

    /** The per-channel limit of this instance. */
    public int maxConnectionsPerChannel() {
        return get(Role.STUDENT).admission().limit();
    }
}
