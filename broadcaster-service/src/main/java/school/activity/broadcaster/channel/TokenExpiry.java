package school.activity.broadcaster.channel;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import school.activity.broadcaster.config.WebSocketProperties;

/**
 * Closes (1008, "token expired") every session whose token has expired since the handshake: a token admits its
 * holder for its lifetime, not for as long as the connection lasts, and the channels carry phone numbers. Clients
 * reconnect with a fresh token. Sessions of the open mode, and of tokens without {@code exp}, never expire.
 */
@Component
public class TokenExpiry {

    private static final Logger log = LoggerFactory.getLogger(TokenExpiry.class);

    private final Channels channels;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final long intervalMillis;
    private ScheduledFuture<?> round;

    public TokenExpiry(Channels channels, ScheduledExecutorService activityScheduler, WebSocketProperties ws) {
        this.channels = channels;
        this.scheduler = activityScheduler;
        this.clock = Clock.systemUTC();
        this.intervalMillis = ws.tokenExpiryCheck().toMillis();
    }

    synchronized void start() {
        round = scheduler.scheduleAtFixedRate(this::closeExpired, intervalMillis, intervalMillis,
                TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (round != null) {
            round.cancel(false);
        }
    }

    /** A comparison per session: cheap enough to run every second over every channel's sessions. */
    private void closeExpired() {
        try {
            Instant now = clock.instant();
            for (Channel channel : channels.all()) {
                for (Subscriber subscriber : channel.subscribers()) {
                    if (subscriber.tokenExpiredAt(now)) {
                        channel.drop(subscriber, DropReason.TOKEN_EXPIRED);
                    }
                }
            }
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: expired sessions would stay open for good.
            log.error("Token expiry check failed: {}", e.toString());
        }
    }
}
