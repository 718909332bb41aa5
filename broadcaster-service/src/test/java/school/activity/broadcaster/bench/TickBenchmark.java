package school.activity.broadcaster.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import school.activity.broadcaster.BroadcasterApplication;
import school.activity.testinfra.SharedPostgres;

/**
 * Measures one tick at the reference size: a broadcaster (this JVM) with {@code students} students in an embedded
 * PostgreSQL, {@code clients} WebSocket clients on {@code /ws/students} in a second JVM ({@link BenchClients}).
 * Prints figures, asserts nothing. Run it with {@code scripts/bench/tick.sh}.
 * <p>
 * Arguments: clients (3000), students (2000), measured ticks (3), tick interval in seconds (10).
 */
public final class TickBenchmark {

    private static final String SECRET = "tick-benchmark-secret-of-at-least-256-bits";
    private static final long CLIENT_JVM_LIMIT_SECONDS = 300;

    private TickBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int students = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int ticks = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int intervalSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;

        SharedPostgres postgres = SharedPostgres.get();
        String url = postgres.createDatabase();
        ConfigurableApplicationContext server = new SpringApplicationBuilder(BroadcasterApplication.class).run(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + postgres.user(),
                "--spring.datasource.password=" + postgres.password(),
                "--activity.jwt.secret=" + SECRET,
                "--activity.ws.auth=none",
                "--activity.ws.max-connections-per-channel=" + Math.max(clients, 1),
                "--activity.broadcast.interval=" + intervalSeconds + "s",
                "--logging.level.root=WARN",
                "--logging.level.school.activity=WARN",
                "--spring.main.banner-mode=off");
        try {
            seed(postgres, url, students);
            int port = Integer.parseInt(server.getEnvironment().getRequiredProperty("local.server.port"));
            System.out.printf("broadcaster on port %d, %d students seeded; starting %d clients in a second JVM%n",
                    port, students, clients);
            runClients(port, clients, ticks, intervalSeconds);
            printServerMetrics(Integer.parseInt(server.getEnvironment().getRequiredProperty("local.management.port")));
        } finally {
            server.close();
        }
        System.exit(0);
    }

    /** Students with realistic names and phones; about half active within the online threshold. */
    private static void seed(SharedPostgres postgres, String url, int students) throws SQLException {
        try (Connection connection = postgres.connect(url)) {
            connection.setAutoCommit(false);
            try (PreparedStatement user = connection.prepareStatement(
                    "INSERT INTO users (phone, full_name, role) VALUES (?, ?, 'student')")) {
                for (int i = 0; i < students; i++) {
                    user.setString(1, "+99890" + (1_000_000 + i));
                    user.setString(2, "Student " + i + " Abdullayev-Karimova");
                    user.addBatch();
                }
                user.executeBatch();
            }
            try (PreparedStatement activity = connection.prepareStatement("""
                    INSERT INTO user_activity (user_id, phone, last_active)
                    SELECT id, phone, (now() AT TIME ZONE 'utc') - make_interval(secs => ?) FROM users WHERE id = ?
                    """)) {
                for (int id = 1; id <= students; id++) {
                    activity.setDouble(1, ThreadLocalRandom.current().nextDouble(0, 60));
                    activity.setInt(2, id);
                    activity.addBatch();
                }
                activity.executeBatch();
            }
            connection.commit();
        }
    }

    private static void runClients(int port, int clients, int ticks, int intervalSeconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                BenchClients.class.getName(),
                Integer.toString(port), Integer.toString(clients), Integer.toString(ticks),
                Integer.toString(intervalSeconds)));
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(CLIENT_JVM_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            System.out.println("client JVM did not finish in time; stopped");
        }
    }

    private static void printServerMetrics(int managementPort) throws IOException, InterruptedException {
        HttpResponse<String> prometheus = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("server-side meters (channel=students):");
        prometheus.body().lines()
                .filter(line -> line.startsWith("activity_") && line.contains("channel=\"students\""))
                .filter(line -> !line.contains("_bucket"))
                .forEach(line -> System.out.println("  " + line));
    }
}
