package school.activity.broadcaster.config;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The broadcaster's threads: one scheduler for channel ticks (their queries), ping rounds, the instance
 * heartbeat and the history writer, and one fan-out thread that hands every built frame to the channel's sessions.
 */
@Configuration(proxyBeanMethods = false)
public class SchedulerConfig {

    /** One thread per channel (three roles and the summary), so a slow query never delays another; one for the rest. */
    private static final int THREADS = 5;

    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService activityScheduler() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("activity-tick-");
        threads.setDaemon(true);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(THREADS, threads);
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    /** One thread: the sessions' sends are non-blocking, and one sender at a time is what 2 cores serve fastest. */
    @Bean(destroyMethod = "shutdownNow")
    public ExecutorService activityFanout() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("activity-fanout-");
        threads.setDaemon(true);
        return Executors.newSingleThreadExecutor(threads);
    }
}
