package school.activity.broadcaster.feed;

import java.time.Instant;
import java.util.List;

import school.activity.broadcaster.support.Lazy;
import school.activity.shared.contract.ActivityJson;
import school.activity.shared.contract.ActivityUpdate;
import school.activity.shared.contract.Role;
import school.activity.shared.contract.UserActivity;

/**
 * A role channel's last picture and tick number on this instance: turns each tick's users into the tick's shared
 * payloads (the seed's snapshot, the snapshot with {@code seq}, the delta from the previous tick). One per channel;
 * ticks of a channel never overlap, so {@link #next} is called by one thread at a time.
 */
public final class ChannelPicture {

    private final Role role;
    private List<UserActivity> previous = List.of();
    private long seq = FrameChoice.NOTHING_HELD;

    public ChannelPicture(Role role) {
        this.role = role;
    }

    /** The next tick: {@code users} (in the channel's order) become the picture that the following delta builds on. */
    public synchronized TickPayloads next(List<UserActivity> users, Instant timestamp) {
        long tickSeq = ++seq;
        List<UserActivity> before = previous;
        List<UserActivity> current = List.copyOf(users);
        previous = current;
        ActivityUpdate update = ActivityUpdate.of(role, current, timestamp);
        return new TickPayloads(tickSeq, timestamp,
                Lazy.of(() -> json(update)),
                Lazy.of(() -> json(update.withSeq(tickSeq))),
                Lazy.of(() -> json(DeltaBuilder.between(role, before, current, tickSeq, timestamp))));
    }

    private static String json(Object message) {
        return ActivityJson.mapper().writeValueAsString(message);
    }
}
