package school.activity.broadcaster.fanout;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * One tick of a channel: the messages its sessions choose from (the first is the full picture), each built, framed
 * and compressed at most once, when the first session needs it, whatever the number of sessions.
 *
 * @param sequence  increases with every tick of a channel, so a session never gets the same tick twice
 * @param timestamp the messages' {@code timestamp}: when the tick's query began
 * @param startNanos {@link System#nanoTime()} at the same moment, to judge the tick's freshness
 * @param messages  UTF-8 JSON messages, each asked for at most once
 */
public record Tick(long sequence, Instant timestamp, long startNanos, List<Supplier<byte[]>> messages) {

    public Tick {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a tick carries at least the full message");
        }
    }
}
