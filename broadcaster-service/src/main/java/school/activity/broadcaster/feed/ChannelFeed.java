package school.activity.broadcaster.feed;

import java.time.Instant;

/**
 * What one channel sends each tick, whatever the transport: {@link #load} runs the channel's query (on a thread of
 * its own, so a slow query never delays another channel), {@link Pending#encode} turns the result into the tick's
 * shared payloads (on the thread that sends them, so the timestamp says when the tick went out).
 */
public interface ChannelFeed {

    /** Reads the database; a failure surfaces as a Spring {@code DataAccessException} and the tick is skipped. */
    Pending load();

    /** A loaded tick, waiting to be encoded. */
    @FunctionalInterface
    interface Pending {
        /** The next tick's payloads; each call is a tick of its own (the next {@code seq}). */
        TickPayloads encode(Instant timestamp);
    }
}
