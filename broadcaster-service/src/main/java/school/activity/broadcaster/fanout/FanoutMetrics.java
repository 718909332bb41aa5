package school.activity.broadcaster.fanout;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Delivery meters of one channel; names are documented in README (Metrics). */
final class FanoutMetrics {

    private final MeterRegistry registry;
    private final String channel;
    private final Counter plainBytes;
    private final Counter deflatedBytes;
    private final Counter skipped;
    final AtomicInteger plainSessions = new AtomicInteger();
    final AtomicInteger deflateSessions = new AtomicInteger();

    FanoutMetrics(MeterRegistry registry, String channel) {
        this.registry = registry;
        this.channel = channel;
        this.plainBytes = bytes("plain");
        this.deflatedBytes = bytes("deflate");
        this.skipped = Counter.builder("activity.ws.frames.skipped")
                .description("Ticks a session skipped because its previous frame was still queued")
                .tag("channel", channel).register(registry);
        sessions("plain", plainSessions);
        sessions("deflate", deflateSessions);
    }

    private Counter bytes(String encoding) {
        return Counter.builder("activity.broadcast.bytes.sent")
                .description("Frame bytes handed to clients' connections").baseUnit("bytes")
                .tag("channel", channel).tag("encoding", encoding).register(registry);
    }

    private void sessions(String encoding, AtomicInteger count) {
        Gauge.builder("activity.ws.sessions", count, AtomicInteger::get)
                .description("Open sessions of the channel by negotiated encoding")
                .tag("channel", channel).tag("encoding", encoding).register(registry);
    }

    void sent(boolean deflate, int bytes) {
        (deflate ? deflatedBytes : plainBytes).increment(bytes);
    }

    void skipped() {
        skipped.increment();
    }

    void dropped(DropReason reason) {
        registry.counter("activity.ws.clients.dropped", "channel", channel, "reason", reason.tag()).increment();
    }

    void opened(boolean deflate) {
        (deflate ? deflateSessions : plainSessions).incrementAndGet();
    }

    void closed(boolean deflate) {
        (deflate ? deflateSessions : plainSessions).decrementAndGet();
    }

    int sessions() {
        return plainSessions.get() + deflateSessions.get();
    }
}
