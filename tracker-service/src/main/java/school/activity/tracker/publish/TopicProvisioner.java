package school.activity.tracker.publish;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates the activity topics (the {@code NewTopic} beans) when they are missing. Kafka's own start-up attempt is
 * one-shot; this one tries once before the consumer starts and, while Kafka is unreachable, keeps trying in the
 * background, so a tracker started before Kafka still gets its topics with the configured partitions.
 */
final class TopicProvisioner implements SmartLifecycle {

    /** Before the listener containers (phase {@code MAX_VALUE - 100}) subscribe to the topic. */
    static final int PHASE = Integer.MAX_VALUE - 8192;

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final KafkaAdmin admin;
    private final Duration retryInterval;
    private volatile boolean running;
    private volatile Thread retrying;

    TopicProvisioner(KafkaAdmin admin, Duration retryInterval) {
        this.admin = admin;
        this.retryInterval = retryInterval;
        // This class owns the attempt: the admin's own start-up attempt would only repeat the first one.
        admin.setAutoCreate(false);
    }

    @Override
    public void start() {
        running = true;
        if (!provision()) {
            log.warn("Kafka topics not created yet (Kafka unreachable?); retrying every {}", retryInterval);
            Thread thread = new Thread(this::retryUntilProvisioned, "activity-topic-provisioner");
            thread.setDaemon(true);
            retrying = thread;
            thread.start();
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = retrying;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void retryUntilProvisioned() {
        while (running) {
            try {
                Thread.sleep(retryInterval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (provision()) {
                log.info("Kafka topics created");
                return;
            }
        }
    }

    private boolean provision() {
        try {
            return admin.initialize();
        } catch (RuntimeException e) {
            log.debug("Topic creation failed: {}", e.toString());
            return false;
        }
    }
}
