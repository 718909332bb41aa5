package school.activity.broadcaster.feed;

/**
 * Which of a tick's shared payloads one session gets. The only per-session decision of a tick: every payload is
 * built once per channel and shared.
 */
public enum FrameChoice {
    /** The seed's full snapshot, without {@code seq}. */
    SNAPSHOT,
    /** The full snapshot with {@code seq}: a delta session's first message, or its resync after a missed tick. */
    SEQUENCED_SNAPSHOT,
    /** The tick's delta, whose {@code base} is the previous tick. */
    DELTA;

    /** The {@code seq} a session holds before anything was delivered to it; ticks count from 1. */
    public static final long NOTHING_HELD = 0;

    /**
     * @param heldSeq the seq of the last payload handed to the session (delivered, or in flight: a send that fails
     *                ends the session), or {@link #NOTHING_HELD}
     * @param tickSeq the seq of the tick to send
     */
    public static FrameChoice choose(StreamMode mode, long heldSeq, long tickSeq) {
        if (mode == StreamMode.SNAPSHOT) {
            return SNAPSHOT;
        }
        // A delta is only ever sent to a session that holds exactly its base.
        return heldSeq != NOTHING_HELD && heldSeq + 1 == tickSeq ? DELTA : SEQUENCED_SNAPSHOT;
    }
}
