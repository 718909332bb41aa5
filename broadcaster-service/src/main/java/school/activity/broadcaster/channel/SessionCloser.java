package school.activity.broadcaster.channel;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * Runs the calls that may block on one client (close, ping) off the tick and container threads, so a stalled client
 * can hold up at most one of these threads, briefly, and never a broadcast.
 */
@Component
public class SessionCloser implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SessionCloser.class);
    private static final int THREADS = 4;

    private final ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());

    public CompletableFuture<Void> close(WebSocketSession session, CloseStatus status) {
        return CompletableFuture.runAsync(() -> {
            try {
                session.close(status);
            } catch (IOException | RuntimeException e) {
                log.debug("closing session {} failed: {}", session.getId(), e.getClass().getSimpleName());
            }
        }, executor);
    }

    public void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    private static CustomizableThreadFactory daemonThreads() {
        CustomizableThreadFactory factory = new CustomizableThreadFactory("activity-session-io-");
        factory.setDaemon(true);
        return factory;
    }
}
