package school.activity.broadcaster.fanout;

import java.time.Instant;

/**
 * What the handshake decided about a session before its upgrade.
 *
 * @param channel   the channel it joins
 * @param release   gives back its admission slot; called exactly once, whether the upgrade fails or the session
 *                  ends
 * @param expiresAt when its token stops being valid (it is closed with 1008 then), or null
 * @param choice    which of each tick's messages it gets
 * @param protocol  the subprotocol to answer with (never a token), or null for none
 */
public record SessionSpec(FanoutChannel channel, Runnable release, Instant expiresAt, MessageChoice choice,
        String protocol) {
}
