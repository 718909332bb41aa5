package school.activity.demo.traffic;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import school.activity.demo.platform.PlatformApi;
import school.activity.shared.contract.Role;
import school.activity.testinfra.TokenIssuer;

/**
 * Plays the school: every tick it asks the {@link PresenceModel} who is due and sends each of them an authenticated
 * request through the tracker, which tracks it and proxies it to the demo platform API. Requests are asynchronous
 * and bounded: when the stack is slow, a tick skips users rather than piling up requests.
 */
public final class TrafficSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrafficSimulator.class);
    private static final int MAX_IN_FLIGHT = 256;
    private static final int HTTP_THREADS = 4;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final Duration TOKEN_RENEWAL = Duration.ofMinutes(50);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);
    private static final Duration STOP_WAIT = Duration.ofSeconds(3);

    private final PresenceModel model;
    private final TrafficProfile profile;
    private final TokenIssuer issuer;
    private final URI tracker;
    private final RandomGenerator random;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("traffic"));
    private final ExecutorService httpExecutor = Executors.newFixedThreadPool(HTTP_THREADS, daemon("traffic-http"));
    private final HttpClient client;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Map<Long, IssuedToken> tokens = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private long startedAt;
    private long lastReportAt;
    private long sentAtLastReport;

    private record IssuedToken(String token, long renewAt) {
    }

    public TrafficSimulator(List<DemoUser> users, TrafficProfile profile, TokenIssuer issuer, URI tracker,
                            RandomGenerator random) {
        this.model = new PresenceModel(users, profile, random);
        this.profile = profile;
        this.issuer = issuer;
        this.tracker = tracker;
        this.random = random;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(REQUEST_TIMEOUT)
                .executor(httpExecutor)
                .build();
    }

    public void start() {
        startedAt = System.nanoTime();
        lastReportAt = startedAt;
        long tickMillis = profile.tick().toMillis();
        scheduler.scheduleAtFixedRate(this::tickSafely, 0, tickMillis, TimeUnit.MILLISECONDS);
    }

    /** Requests sent so far. */
    public long sent() {
        return sent.get();
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep the school going.
            log.warn("traffic tick failed: {}", e.toString());
        }
    }

    private void tick() {
        long now = System.nanoTime();
        for (DemoUser user : model.tick(Duration.ofNanos(now - startedAt))) {
            if (!inFlight.tryAcquire()) {
                skipped.incrementAndGet();
                continue;
            }
            sent.incrementAndGet();
            client.sendAsync(requestFor(user, now), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        inFlight.release();
                        if (error != null || response.statusCode() >= 500) {
                            failed.incrementAndGet();
                        }
                    });
        }
        if (now - lastReportAt >= REPORT_EVERY.toNanos()) {
            report(now);
        }
    }

    private HttpRequest requestFor(DemoUser user, long now) {
        HttpRequest.Builder request = HttpRequest.newBuilder()
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + tokenFor(user, now));
        boolean marksAttendance = user.role() == Role.TEACHER && random.nextInt(4) == 0;
        if (marksAttendance) {
            return request.uri(tracker.resolve(PlatformApi.ATTENDANCE_PATH))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"lesson\":1,\"present\":27}"))
                    .build();
        }
        List<String> paths = PlatformApi.READ_PATHS;
        return request.uri(tracker.resolve(paths.get(random.nextInt(paths.size())))).GET().build();
    }

    private String tokenFor(DemoUser user, long now) {
        IssuedToken token = tokens.get(user.id());
        if (token == null || now >= token.renewAt()) {
            token = new IssuedToken(issuer.issue(user.id(), user.role().value(), user.phone(), TOKEN_LIFETIME),
                    now + TOKEN_RENEWAL.toNanos());
            tokens.put(user.id(), token);
        }
        return token.token();
    }

    private void report(long now) {
        long total = sent.get();
        double perSecond = (total - sentAtLastReport) / ((now - lastReportAt) / 1e9);
        log.info("traffic: online students {}/{}, teachers {}/{}, parents {}/{}; {} requests/s, {} failed, {} skipped",
                model.online(Role.STUDENT), model.total(Role.STUDENT), model.online(Role.TEACHER),
                model.total(Role.TEACHER), model.online(Role.PARENT), model.total(Role.PARENT),
                Math.round(perSecond), failed.get(), skipped.get());
        lastReportAt = now;
        sentAtLastReport = total;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        httpExecutor.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
