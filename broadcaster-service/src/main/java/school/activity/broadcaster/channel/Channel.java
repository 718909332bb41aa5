package school.activity.broadcaster.channel;

import java.util.concurrent.atomic.AtomicLong;

import school.activity.broadcaster.fanout.FanoutChannel;
import school.activity.shared.contract.Role;

/** One role's channel: its admission limit, its meters, its ticks and its sessions (in the fan-out). */
public final class Channel {

    private final Role role;
    private final Admission admission;
    private final ChannelMetrics metrics;
    private final FanoutChannel sessions;
    private final TickGate tickGate = new TickGate();
    private final AtomicLong sequence = new AtomicLong();
    private volatile long publishedNanos = System.nanoTime();

    Channel(Role role, Admission admission, ChannelMetrics metrics, FanoutChannel sessions) {
        this.role = role;
        this.admission = admission;
        this.metrics = metrics;
        this.sessions = sessions;
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

    /** The channel's sessions in the fan-out engine. */
    public FanoutChannel sessions() {
        return sessions;
    }

    /** Connections counted against the limit. */
    public int connections() {
        return admission.admitted();
    }

    TickGate tickGate() {
        return tickGate;
    }

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    /** When the newest tick became the channel's current picture ({@link System#nanoTime()}). */
    long publishedNanos() {
        return publishedNanos;
    }

    void published(long nanos) {
        publishedNanos = nanos;
    }
}
