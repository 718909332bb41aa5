package school.activity.broadcaster.channel;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import school.activity.broadcaster.snapshot.Frame;
import school.activity.shared.contract.Role;

/** One role's channel: its admission limit, its sessions and its newest frame. */
public final class Channel {

    private static final Logger log = LoggerFactory.getLogger(Channel.class);

    private final Role role;
    private final Admission admission;
    private final ChannelMetrics metrics;
    private final SessionCloser closer;
    private final ConcurrentHashMap<String, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final TickGate tickGate = new TickGate();
    private volatile Frame current;

    Channel(Role role, Admission admission, ChannelMetrics metrics, SessionCloser closer) {
        this.role = role;
        this.admission = admission;
        this.metrics = metrics;
        this.closer = closer;
    }

    public Role role() {
        return role;
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

    Frame current() {
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

    /** The frame becomes current, then goes to every session: a session joining meanwhile gets it either way. */
    void publish(Frame frame) {
        current = frame;
        for (Subscriber subscriber : subscribers.values()) {
            subscriber.offer(frame);
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

    /** Ticks skip an empty channel, so its frame would age unseen: the next session gets a fresh query instead. */
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
            log.debug("dropped session {} on {}: {}", subscriber.id(), role.channel(), reason.tag());
        }
        return closer.close(subscriber.session(), reason.closeStatus());
    }
}
