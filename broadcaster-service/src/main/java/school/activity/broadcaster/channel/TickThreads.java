package school.activity.broadcaster.channel;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The threads that wait on the database: channel ticks (their queries and the messages' serialisation), the instance
 * heartbeat and the history writer. Writing to the clients happens on the web server's event loops.
 */
@Configuration(proxyBeanMethods = false)
class TickThreads {

    /** One thread per channel (three roles and the summary), so a slow query never delays another; one for the rest. */
    private static final int THREADS = 5;

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService activityScheduler() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("activity-tick-");
        threads.setDaemon(true);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(THREADS, threads);
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
