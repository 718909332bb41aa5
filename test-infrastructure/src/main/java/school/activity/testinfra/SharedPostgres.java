package school.activity.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The one real PostgreSQL of a test JVM: zonky's embedded server, started on first use and stopped at exit, or the
 * server that {@code ACTIVITY_TEST_JDBC_URL} names (e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=u&password=p}).
 * Each caller gets a database of its own, so tests never see each other's rows.
 */
public final class SharedPostgres {

    public static final String EXTERNAL_URL_VARIABLE = "ACTIVITY_TEST_JDBC_URL";
    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";

    private static volatile SharedPostgres instance;

    private final String adminUrl;
    private final String user;
    private final String password;
    private final AtomicInteger databases = new AtomicInteger();

    private SharedPostgres(String adminUrl, String user, String password) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    public static SharedPostgres get() {
        if (instance == null) {
            synchronized (SharedPostgres.class) {
                if (instance == null) {
                    instance = start();
                }
            }
        }
        return instance;
    }

    private static SharedPostgres start() {
        String external = System.getenv(EXTERNAL_URL_VARIABLE);
        if (external != null && !external.isBlank()) {
            return new SharedPostgres(external, null, null);
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }, "shared-postgres-stop"));
            return new SharedPostgres(postgres.getJdbcUrl(USER, "postgres"), USER, PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** A new, empty database of its own; returns its JDBC URL. */
    public String createDatabase() {
        String name = "activity_test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection connection = connect(adminUrl); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return urlOf(name);
    }

    /** Opens a connection to a database URL returned by {@link #createDatabase()}. */
    public Connection connect(String url) throws SQLException {
        return user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
    }

    /** The user for {@code spring.datasource.username}, or null when the URL carries it. */
    public String user() {
        return user;
    }

    /** The password for {@code spring.datasource.password}, or null when the URL carries it. */
    public String password() {
        return password;
    }

    private String urlOf(String database) {
        // Replace the database segment of jdbc:postgresql://host:port/db?params
        int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = adminUrl.indexOf('?', slash);
        return adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
    }
}
