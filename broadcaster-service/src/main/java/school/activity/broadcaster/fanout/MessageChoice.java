package school.activity.broadcaster.fanout;

/**
 * Which of a tick's messages one session gets, from that session's small state: the sequence of the last tick it
 * was given (-1 before the first). Runs on the session's event loop for every tick: keep it a few comparisons.
 */
@FunctionalInterface
public interface MessageChoice {

    /** Every tick's full picture, the seed's format. */
    MessageChoice FULL = (tick, lastSequence) -> 0;

    /** The index in {@link Tick#messages()}. */
    int choose(Tick tick, long lastSequence);
}
