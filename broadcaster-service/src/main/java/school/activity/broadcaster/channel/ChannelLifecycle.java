package school.activity.broadcaster.channel;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import school.activity.broadcaster.fanout.Fanout;
import school.activity.broadcaster.fanout.FanoutProperties;

/**
 * Starts the ticks once the server is up. Shutdown, before the web server stops: readiness goes down, new
 * handshakes are refused, ticks stop, then every session is closed with 1001 Going Away so its client reconnects to
 * another instance.
 */
@Component
class ChannelLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChannelLifecycle.class);

    private final Channels channels;
    private final BroadcastTicker ticker;
    private final Fanout fanout;
    private final ApplicationEventPublisher events;
    private final long shutdownTimeoutMillis;
    private volatile boolean running;
    private volatile boolean stoppedBefore;

    ChannelLifecycle(Channels channels, BroadcastTicker ticker, Fanout fanout, ApplicationEventPublisher events,
            FanoutProperties properties) {
        this.channels = channels;
        this.ticker = ticker;
        this.fanout = fanout;
        this.events = events;
        this.shutdownTimeoutMillis = properties.shutdownTimeout().toMillis();
    }

    /** Also resumes after a stop (a paused context restarted): admission reopens and readiness comes back. */
    @Override
    public void start() {
        channels.all().forEach(channel -> channel.admission().open());
        ticker.start();
        running = true;
        if (stoppedBefore) {
            AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
        }
    }

    @Override
    public void stop() {
        running = false;
        stoppedBefore = true;
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        channels.all().forEach(channel -> channel.admission().close());
        ticker.stop();
        try {
            fanout.closeAll().get(shutdownTimeoutMillis, TimeUnit.MILLISECONDS);
            log.info("closed every session with going away");
        } catch (TimeoutException | ExecutionException e) {
            log.warn("not every session closed within the shutdown timeout");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops first, while the web server and the database are still there. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
