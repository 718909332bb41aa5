package school.activity.broadcaster.channel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import school.activity.broadcaster.fanout.FanoutChannel;
import school.activity.broadcaster.fanout.MessageChoice;
import school.activity.broadcaster.fanout.Tick;
import school.activity.broadcaster.feed.ChannelFeed;
import school.activity.broadcaster.feed.ChannelName;
import school.activity.broadcaster.feed.FrameChoice;
import school.activity.broadcaster.feed.StreamMode;
import school.activity.broadcaster.feed.TickPayloads;

/** One channel: its feed, its admission limit, its meters, its ticks and its sessions (in the fan-out). */
public final class Channel {

    private final ChannelName name;
    private final ChannelFeed feed;
    private final Admission admission;
    private final ChannelMetrics metrics;
    private final FanoutChannel sessions;
    private final TickGate tickGate = new TickGate();
    private volatile long publishedNanos = System.nanoTime();

    Channel(ChannelName name, ChannelFeed feed, Admission admission, ChannelMetrics metrics, FanoutChannel sessions) {
        this.name = name;
        this.feed = feed;
        this.admission = admission;
        this.metrics = metrics;
        this.sessions = sessions;
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

    /** The channel's sessions in the fan-out engine. */
    public FanoutChannel sessions() {
        return sessions;
    }

    /** Connections counted against the limit. */
    public int connections() {
        return admission.admitted();
    }

    /**
     * What a session in {@code mode} gets each tick ({@link FrameChoice#choose}): the tick's messages are in
     * {@link FrameChoice} order, so the choice is the message's index.
     */
    public MessageChoice choiceFor(StreamMode mode) {
        return (tick, heldSeq) -> {
            FrameChoice choice = FrameChoice.choose(mode, heldSeq, tick.sequence());
            if (choice == FrameChoice.SEQUENCED_SNAPSHOT && heldSeq != FrameChoice.NOTHING_HELD) {
                metrics.deltaResynced();
            }
            return choice.ordinal();
        };
    }

    /** The tick's payloads as the fan-out's messages, each serialised at most once, when a session first needs it. */
    Tick tick(TickPayloads payloads, long startNanos) {
        List<Supplier<byte[]>> messages = new ArrayList<>();
        for (FrameChoice choice : FrameChoice.values()) {
            messages.add(() -> {
                byte[] message = payloads.text(choice).getBytes(StandardCharsets.UTF_8);
                metrics.frameBuilt(choice, message.length);
                return message;
            });
        }
        return new Tick(payloads.seq(), payloads.timestamp(), startNanos, messages);
    }

    TickGate tickGate() {
        return tickGate;
    }

    /** When the newest tick became the channel's current picture ({@link System#nanoTime()}). */
    long publishedNanos() {
        return publishedNanos;
    }

    void published(long nanos) {
        publishedNanos = nanos;
    }
}
