package school.activity.broadcaster.channel;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import school.activity.broadcaster.fanout.Fanout;
import school.activity.shared.contract.Role;

/** The three channels of this instance. */
@Component
public class Channels {

    private final Map<Role, Channel> channels = new EnumMap<>(Role.class);

    public Channels(ChannelProperties properties, MeterRegistry registry, Fanout fanout) {
        for (Role role : Role.values()) {
            Admission admission = new Admission(properties.maxConnectionsPerChannel());
            channels.put(role, new Channel(role, admission, new ChannelMetrics(registry, role, admission),
                    fanout.channel(role.channel())));
        }
    }

    public Channel get(Role role) {
        return channels.get(role);
    }

    public Collection<Channel> all() {
        return channels.values();
    }

    public int connections(Role role) {
        return channels.get(role).connections();
    }

    /** The per-channel limit of this instance. */
    public int maxConnectionsPerChannel() {
        return channels.get(Role.STUDENT).admission().limit();
    }
}
