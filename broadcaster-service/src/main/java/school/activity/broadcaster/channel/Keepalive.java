package school.activity.broadcaster.channel;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import school.activity.broadcaster.config.WebSocketProperties;

/**
 * Pings every session each interval and closes the peers that did not answer the previous ping: a client that
 * vanished without closing its TCP connection is found and its slot given back.
 */
@Component
public class Keepalive {

    private final Channels channels;
    private final ScheduledExecutorService scheduler;
    private final SessionCloser closer;
    private final long intervalMillis;
    private ScheduledFuture<?> round;

    public Keepalive(Channels channels, ScheduledExecutorService activityScheduler, SessionCloser closer,
            WebSocketProperties ws) {
        this.channels = channels;
        this.scheduler = activityScheduler;
        this.closer = closer;
        this.intervalMillis = ws.pingInterval().toMillis();
    }

    synchronized void start() {
        round = scheduler.scheduleAtFixedRate(this::pingAll, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (round != null) {
            round.cancel(false);
        }
    }

    /** The pings themselves run on the session threads: a ping may wait briefly behind a send. */
    private void pingAll() {
        for (Channel channel : channels.all()) {
            if (channel.hasSubscribers()) {
                closer.execute(() -> ping(channel));
            }
        }
    }

    private static void ping(Channel channel) {
        for (Subscriber subscriber : channel.subscribers()) {
            if (!subscriber.ping()) {
                channel.drop(subscriber, DropReason.NO_PONG);
            }
        }
    }
}
