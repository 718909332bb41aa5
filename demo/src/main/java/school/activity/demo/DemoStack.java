package school.activity.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import school.activity.demo.DemoSettings.Ports;
import school.activity.demo.infra.EmbeddedBroker;
import school.activity.demo.infra.EmbeddedDatabase;
import school.activity.demo.platform.PlatformApi;
import school.activity.demo.process.Leftovers;
import school.activity.demo.process.ServiceProcess;
import school.activity.demo.school.SchoolSeeder;
import school.activity.demo.traffic.DemoUser;
import school.activity.demo.traffic.TrafficProfile;
import school.activity.demo.traffic.TrafficSimulator;
import school.activity.shared.contract.Role;
import school.activity.shared.schema.ActivitySchema;
import school.activity.testinfra.TokenIssuer;

/**
 * The whole system on one machine: PostgreSQL and Kafka embedded in this JVM, tracker and broadcaster as child
 * processes from their jars, the demo school, the demo platform API behind the tracker, and the traffic simulator.
 * {@link #close()} stops it in dependency order (traffic, services, platform, Kafka, PostgreSQL) and may be called at
 * any point of {@link #start()}, e.g. from a shutdown hook while it is still starting.
 */
public final class DemoStack implements AutoCloseable {

    public static final Path TRACKER_JAR = Path.of("tracker-service", "target", "tracker-service.jar");
    public static final Path BROADCASTER_JAR = Path.of("broadcaster-service", "target", "broadcaster-service.jar");
    /** The services get this long for their graceful shutdown before they are killed. */
    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(15);
    private static final String SHUTDOWN_PHASE_TIMEOUT = "5s";
    private static final long TRAFFIC_SEED = 42L;
    private static final String LOOPBACK = "127.0.0.1";

    private static final Logger log = LoggerFactory.getLogger(DemoStack.class);

    private final DemoSettings settings;
    private final TokenIssuer issuer;
    private final StackState state;
    private final Ports ports;
    private final Path logDir;
    /** Guards {@link #closing} and {@link #started}, so a part started during {@link #close()} is never left running. */
    private final Object lifecycle = new Object();
    private final List<Object> started = new ArrayList<>();
    private boolean closing;
    private volatile EmbeddedDatabase database;
    private volatile EmbeddedBroker broker;
    private volatile PlatformApi platform;
    private volatile ServiceProcess tracker;
    private volatile ServiceProcess broadcaster;
    private volatile TrafficSimulator traffic;
    private volatile long adminId;

    public DemoStack(DemoSettings settings) {
        this.settings = settings;
        this.issuer = TokenIssuer.hmac(settings.jwtSecret());
        this.state = new StackState(settings.dataDir());
        Ports given = settings.ports();
        // The services and the platform API need their port before they start; the embedded servers pick their own.
        this.ports = new Ports(freeIfZero(given.tracker()), freeIfZero(given.broadcaster()),
                freeIfZero(given.platform()), given.postgres());
        this.logDir = settings.dataDir().resolve("logs");
    }

    /** Starts everything and returns once both services are ready (and the traffic is flowing, when on). */
    public synchronized void start() {
        // A port taken by something else would let that answer our readiness checks: refuse early and clearly.
        requireFree(ports.tracker(), "tracker-port");
        requireFree(ports.broadcaster(), "broadcaster-port");
        requireFree(ports.platform(), "platform-port");
        createDirectories();
        Leftovers.stop(state.servicePids(), postgresData());

        CompletableFuture<EmbeddedBroker> kafka = CompletableFuture.supplyAsync(
                timed("Kafka (KRaft)", () -> EmbeddedBroker.start(settings.dataDir().resolve("kafka"))));
        try {
            database = register(timed("PostgreSQL", () -> EmbeddedDatabase.start(postgresData(), ports.postgres(),
                    logDir.resolve("postgres.log"))).get());
            prepareSchool();
        } finally {
            // Kafka started alongside: keep it whatever happened, so close() stops it too.
            broker = register(kafka.handle((started, failure) -> started).join());
        }
        if (broker == null) {
            join(kafka); // throws why the broker did not start
        }

        platform = register(PlatformApi.start(ports.platform()));
        Map<String, String> environment = serviceEnvironment();
        tracker = register(launch("tracker-service", TRACKER_JAR, ports.tracker(), environment));
        broadcaster = register(launch("broadcaster-service", BROADCASTER_JAR, ports.broadcaster(), environment));
        state.write(database.port(), List.of(tracker.pid(), broadcaster.pid()));
        timed("both services", () -> {
            tracker.awaitReady(settings.startupTimeout());
            broadcaster.awaitReady(settings.startupTimeout());
            return null;
        }).get();
        if (settings.traffic()) {
            traffic = register(new TrafficSimulator(loadUsers(), TrafficProfile.SCHOOL_DAY, issuer, trackerUrl(),
                    new Random(TRAFFIC_SEED)));
            traffic.start();
        }
    }

    public int trackerPort() {
        return ports.tracker();
    }

    public int broadcasterPort() {
        return ports.broadcaster();
    }

    public URI trackerUrl() {
        return URI.create("http://" + LOOPBACK + ":" + ports.tracker() + "/");
    }

    public URI broadcasterUrl() {
        return URI.create("http://" + LOOPBACK + ":" + ports.broadcaster() + "/");
    }

    /** The tracker's actuator (health, metrics): a port of its own, once started. */
    public URI trackerManagementUrl() {
        return URI.create("http://" + LOOPBACK + ":" + tracker.managementPort() + "/");
    }

    /** The broadcaster's actuator (health, metrics): a port of its own, once started. */
    public URI broadcasterManagementUrl() {
        return URI.create("http://" + LOOPBACK + ":" + broadcaster.managementPort() + "/");
    }

    public String platformUrl() {
        return platform.baseUrl();
    }

    public String jdbcUrl() {
        return database.jdbcUrl();
    }

    public String kafkaBootstrap() {
        return broker.bootstrapServers();
    }

    public Path logDir() {
        return logDir;
    }

    /** The {@code users} id of the demo administrator. */
    public long adminId() {
        return adminId;
    }

    /** A token for the demo administrator, whom the dashboard channels admit by default (role {@code admin}). */
    public String adminToken() {
        return issuer.issue(adminId, SchoolSeeder.ADMIN_ROLE, null, settings.tokenLifetime());
    }

    /** The dashboard with the administrator's token in the URL's fragment (never sent to a server), ready to open. */
    public String dashboardUrl() {
        return broadcasterUrl() + "#access_token=" + adminToken();
    }

    /** Completes with the first service that exits by itself. */
    public CompletableFuture<ServiceProcess> anyServiceExit() {
        return CompletableFuture.anyOf(tracker.onExit(), broadcaster.onExit())
                .thenApply(exited -> tracker.isAlive() ? broadcaster : tracker);
    }

    public boolean isClosing() {
        synchronized (lifecycle) {
            return closing;
        }
    }

    @Override
    public void close() {
        List<Object> parts;
        synchronized (lifecycle) {
            if (closing) {
                return;
            }
            closing = true;
            parts = new ArrayList<>(started);
        }
        // Not synchronized with start(): the shutdown hook must stop a start that is still under way.
        Collections.reverse(parts); // traffic, services, platform API, Kafka, PostgreSQL
        parts.stream().filter(ServiceProcess.class::isInstance).map(ServiceProcess.class::cast)
                .forEach(ServiceProcess::requestStop); // both shut down at the same time
        parts.forEach(DemoStack::stop);
        try {
            state.delete();
        } catch (UncheckedIOException e) {
            log.warn("{}", e.getMessage());
        }
    }

    private void prepareSchool() {
        ActivitySchema.migrate(database.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
        try (Connection connection = database.connect()) {
            if (SchoolSeeder.seedIfEmpty(connection, settings.school())) {
                log.info("seeded the demo school: {} students, {} teachers, {} parents", settings.school().students(),
                        settings.school().teachers(), settings.school().parents());
            } else {
                log.info("the database already has its users: keeping them and all their activity");
            }
            adminId = SchoolSeeder.adminId(connection).orElseThrow(() -> new IllegalStateException(
                    "the database has users but no demo administrator: use a data folder of the demo's own"));
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare the demo school", e);
        }
    }

    private Map<String, String> serviceEnvironment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("ACTIVITY_DB_URL", database.jdbcUrl());
        environment.put("ACTIVITY_DB_USER", EmbeddedDatabase.USER);
        environment.put("ACTIVITY_DB_PASSWORD", EmbeddedDatabase.PASSWORD);
        environment.put("ACTIVITY_KAFKA_BOOTSTRAP", broker.bootstrapServers());
        environment.put(DemoSettings.JWT_SECRET_VARIABLE, settings.jwtSecret());
        environment.put("SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE", SHUTDOWN_PHASE_TIMEOUT);
        environment.put("SERVER_ADDRESS", LOOPBACK); // a laptop demo: nothing reachable from the network
        String upstream = DemoSettings.environmentName("activity.tracker.upstream-url");
        if (System.getenv(upstream) == null) {
            environment.put(upstream, platform.baseUrl());
        }
        environment.putAll(settings.childEnvironment());
        return environment;
    }

    /** The actuator of each service listens on a free port of its own (the demo only checks readiness there). */
    private ServiceProcess launch(String name, Path jar, int port, Map<String, String> environment) {
        return ServiceProcess.launch(name, settings.projectDir().resolve(jar), port, freeIfZero(0),
                settings.childJavaOptions(), environment, logDir.resolve(name + ".log"));
    }

    private List<DemoUser> loadUsers() {
        List<DemoUser> users = new ArrayList<>();
        try (Connection connection = database.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, role, phone FROM users ORDER BY id")) {
            while (rows.next()) {
                long id = rows.getLong(1);
                String phone = rows.getString(3);
                Role.fromValue(rows.getString(2)).ifPresent(role -> users.add(new DemoUser(id, role, phone)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not load the demo school's users", e);
        }
        return users;
    }

    private Path postgresData() {
        return settings.dataDir().resolve("postgres");
    }

    private void createDirectories() {
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + logDir, e);
        }
    }

    /**
     * Hands a freshly started part over to {@link #close()}, which stops the parts in the reverse order of their
     * start. If the stack is already closing, the part is stopped at once and the start is abandoned.
     */
    private <T> T register(T part) {
        if (part == null) {
            return null;
        }
        synchronized (lifecycle) {
            if (!closing) {
                started.add(part);
                return part;
            }
        }
        if (part instanceof ServiceProcess service) {
            service.requestStop();
        }
        stop(part);
        throw new IllegalStateException("the demo is stopping");
    }

    private static void stop(Object part) {
        if (part instanceof ServiceProcess service) {
            if (!service.awaitStopped(SERVICE_STOP_GRACE)) {
                log.warn("{} did not stop within {} s and was killed", service.name(), SERVICE_STOP_GRACE.toSeconds());
            }
        } else if (part instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("{} did not stop cleanly: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private static <T> Supplier<T> timed(String what, Supplier<T> step) {
        return () -> {
            long started = System.nanoTime();
            T result = step.get();
            log.info("{} ready in {} s", what, String.format("%.1f", (System.nanoTime() - started) / 1e9));
            return result;
        };
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private static void requireFree(int port, String setting) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is already in use: stop what uses it, or choose another "
                    + "one with --" + DemoSettings.PREFIX + setting + "=<port>");
        }
    }

    private static int freeIfZero(int port) {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
