package school.activity.broadcaster.channel;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import school.activity.broadcaster.feed.ChannelFeed;
import school.activity.broadcaster.feed.ChannelName;

/** One channel: its feed, its admission limit, its sessions and its newest tick. */
public final class Channel {

    private static final Logger log = LoggerFactory.getLogger(Channel.class);

    private final ChannelName name;
    private final ChannelFeed feed;
    private final Admission admission;
    private final ChannelMetrics metrics;
    private final SessionCloser closer;
    private final ConcurrentHashMap<String, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final TickGate tickGate = new TickGate();
    private volatile ChannelTick current;

    Channel(ChannelName name, ChannelFeed feed, Admission admission, ChannelMetrics metrics, SessionCloser closer) {
        this.name = name;
        this.feed = feed;
        this.admission = admission;
        this.metrics = metrics;
        this.closer = closer;
    }

    public ChannelName name() {
        return name;
    }

    ChannelFeed feed() {
        return feed;
    }

    public Admission admission() {
        return admission;
    }

    public ChannelMetrics metrics() {
        return metrics;
    }

    /** Connections counted against the limit. */
    public int connections() {
        return admission.admitted();
    }

    TickGate tickGate() {
        return tickGate;
    }

    ChannelTick current() {
        return current;
    }

    boolean hasSubscribers() {
        return !subscribers.isEmpty();
    }

    Collection<Subscriber> subscribers() {
        return subscribers.values();
    }

    Subscriber subscriber(String sessionId) {
        return subscribers.get(sessionId);
    }

    void join(Subscriber subscriber) {
        subscribers.put(subscriber.id(), subscriber);
    }

    /** The tick becomes current, then goes to every session: a session joining meanwhile gets it either way. */
    void publish(ChannelTick tick) {
        current = tick;
        for (Subscriber subscriber : subscribers.values()) {
            subscriber.offer(tick);
        }
    }

    /** The session closed by itself (or after a drop): forget it and give its slot back. */
    void leave(String sessionId) {
        Subscriber subscriber = subscribers.remove(sessionId);
        if (subscriber != null) {
            subscriber.markClosed();
            subscriber.ticket().release();
            forgetFrameIfIdle();
        }
    }

    /** Ticks skip an empty channel, so its tick would age unseen: the next session gets a fresh query instead. */
    private void forgetFrameIfIdle() {
        if (subscribers.isEmpty()) {
            current = null;
        }
    }

    /** Stops delivering to a session, gives its slot back at once and closes it off the caller's thread. */
    CompletableFuture<Void> drop(Subscriber subscriber, DropReason reason) {
        if (!subscriber.markClosed()) {
            return CompletableFuture.completedFuture(null);
        }
        subscribers.remove(subscriber.id(), subscriber);
        subscriber.ticket().release();
        forgetFrameIfIdle();
        if (reason != DropReason.SHUTDOWN) {
            metrics.dropped(reason);
            log.debug("dropped session {} on {}: {}", subscriber.id(), name.tag(), reason.tag());
        }
        return closer.close(subscriber.session(), reason.closeStatus());
    }
}
