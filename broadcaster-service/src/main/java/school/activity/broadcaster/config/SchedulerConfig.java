package school.activity.broadcaster.config;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/** The one scheduler of the broadcaster: channel ticks, ping rounds and the instance heartbeat. */
@Configuration(proxyBeanMethods = false)
public class SchedulerConfig {

    /** One thread per channel, so a slow query on one channel never delays another; one for the rest. */
    private static final int THREADS = 4;

    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService activityScheduler() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("activity-tick-");
        threads.setDaemon(true);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(THREADS, threads);
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
