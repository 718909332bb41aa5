package school.activity.broadcaster.channel;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import school.activity.broadcaster.feed.ChannelName;
import school.activity.broadcaster.feed.FrameChoice;

/** The meters of one channel; names are documented in README (Metrics). */
public final class ChannelMetrics {

    private final MeterRegistry registry;
    private final String channel;
    private final Timer broadcastDuration;
    private final Timer queryDuration;
    private final Counter tickFailures;
    private final Counter ticksSkipped;
    private final Counter deltaResyncs;
    private final Map<FrameChoice, DistributionSummary> frameBytes = new EnumMap<>(FrameChoice.class);

    ChannelMetrics(MeterRegistry registry, ChannelName name, Admission admission) {
        this.registry = registry;
        this.channel = name.tag();
        Gauge.builder("activity.ws.connections", admission, Admission::admitted)
                .description("Open connections (and handshakes in progress) of the channel")
                .tag("channel", channel).register(registry);
        this.broadcastDuration = Timer.builder("activity.broadcast.duration")
                .description("One tick: query, serialisation and the writes to every session")
                .tag("channel", channel).register(registry);
        this.queryDuration = Timer.builder("activity.broadcast.query.duration")
                .description("The snapshot query of one tick").tag("channel", channel).register(registry);
        this.tickFailures = Counter.builder("activity.broadcast.failures")
                .description("Ticks skipped because the database failed").tag("channel", channel).register(registry);
        this.ticksSkipped = Counter.builder("activity.broadcast.skipped")
                .description("Ticks skipped because the previous one was still running")
                .tag("channel", channel).register(registry);
        this.deltaResyncs = Counter.builder("activity.ws.delta.resyncs")
                .description("Full snapshots sent to delta-mode sessions that had missed a tick")
                .tag("channel", channel).register(registry);
        for (FrameChoice kind : FrameChoice.values()) {
            frameBytes.put(kind, DistributionSummary.builder("activity.broadcast.frame.bytes")
                    .description("Size of one channel message, per kind (snapshot, sequenced_snapshot, delta)")
                    .baseUnit("bytes").tag("channel", channel).tag("kind", kind.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
    }

    public Timer broadcastDuration() {
        return broadcastDuration;
    }

    public Timer queryDuration() {
        return queryDuration;
    }

    void frameBuilt(FrameChoice kind, int bytes) {
        frameBytes.get(kind).record(bytes);
    }

    void deltaResynced() {
        deltaResyncs.increment();
    }

    void tickFailed() {
        tickFailures.increment();
    }

    void tickSkipped() {
        ticksSkipped.increment();
    }

    /** Counts a refused handshake; {@code reason} is one of the refusal tags (origin, token, role, capacity...). */
    public void handshakeRefused(String reason) {
        registry.counter("activity.ws.handshakes.refused", "channel", channel, "reason", reason).increment();
    }
}
