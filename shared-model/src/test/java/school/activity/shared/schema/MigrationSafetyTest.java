package school.activity.shared.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

import school.activity.testinfra.SharedPostgres;

/** The migrations on a real PostgreSQL: they create what is missing and never change what exists. */
class MigrationSafetyTest {

    private static final String SEED_USER_ACTIVITY = """
            CREATE TABLE user_activity (
                id SERIAL PRIMARY KEY,
                user_id INTEGER UNIQUE REFERENCES users(id),
                phone VARCHAR,
                last_active TIMESTAMP DEFAULT NOW(),
                created_at TIMESTAMP DEFAULT NOW(),
                updated_at TIMESTAMP DEFAULT NOW()
            );
            CREATE INDEX idx_activity_last_active ON user_activity(last_active);
            CREATE INDEX idx_activity_phone ON user_activity(phone);
            CREATE INDEX idx_activity_user_id ON user_activity(user_id);
            """;

    private final SharedPostgres postgres = SharedPostgres.get();

    @Test
    void anEmptyDatabaseGetsTheWholeSchema() throws SQLException {
        String url = postgres.createDatabase();

        MigrateResult result = migrate(url);

        assertThat(result.success).isTrue();
        try (Connection c = postgres.connect(url)) {
            assertThat(columns(c, "users")).containsExactly("id", "phone", "full_name", "role");
            assertThat(columns(c, "user_activity"))
                    .containsExactly("id", "user_id", "phone", "last_active", "created_at", "updated_at");
            assertThat(indexes(c, "user_activity")).contains("idx_activity_last_active", "idx_activity_phone",
                    "idx_activity_user_id", "user_activity_user_id_key");
            assertThat(columns(c, "activity_broadcaster_instance")).contains("instance_id", "heartbeat_at");
            assertThat(columns(c, "activity_online_minute")).containsExactly("minute", "role", "online");
            assertThat(indexes(c, "activity_online_minute")).contains("activity_online_minute_pkey");
            assertThat(columns(c, ActivitySchema.HISTORY_TABLE)).isNotEmpty();
        }
    }

    @Test
    void aPopulatedSeedDatabaseIsAdoptedWithNoRowChanged() throws SQLException {
        String url = postgres.createDatabase();
        try (Connection c = postgres.connect(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id SERIAL PRIMARY KEY, phone VARCHAR, full_name VARCHAR, role VARCHAR, "
                    + "email VARCHAR)");
            s.execute("INSERT INTO users (phone, full_name, role, email) SELECT '+99890' || lpad(g::text, 7, '0'), "
                    + "'User ' || g, (ARRAY['student','teacher','parent'])[1 + g % 3], 'u' || g || '@school' "
                    + "FROM generate_series(1, 500) g");
            s.execute(SEED_USER_ACTIVITY);
            s.execute("INSERT INTO user_activity (user_id, phone, last_active) SELECT id, phone, "
                    + "TIMESTAMP '2025-09-01 10:00:00' + id * INTERVAL '1 second' FROM users WHERE id % 2 = 0");
            // The platform's own Flyway history, which must stay exactly as it is.
            s.execute("CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY, version VARCHAR(50), "
                    + "description VARCHAR(200), checksum INT)");
            s.execute("INSERT INTO flyway_schema_history VALUES (1, '1', 'platform init', 12345), "
                    + "(2, '2', 'platform users', 67890)");
        }
        Map<String, String> before = checksums(url, "users", "user_activity", "flyway_schema_history");

        MigrateResult first = migrate(url);
        MigrateResult second = migrate(url);

        assertThat(first.success).isTrue();
        assertThat(first.migrationsExecuted).isPositive();
        assertThat(second.migrationsExecuted).isZero();
        assertThat(checksums(url, "users", "user_activity", "flyway_schema_history")).isEqualTo(before);
        try (Connection c = postgres.connect(url)) {
            assertThat(columns(c, "users")).containsExactly("id", "phone", "full_name", "role", "email");
            assertThat(count(c, "SELECT count(*) FROM user_activity")).isEqualTo(250);
        }
    }

    /** Fault scenario 10 (docs/reliability.md): a large school's database, migrated with no row changed. */
    @Test
    void aLargeSchoolsSeedDatabaseIsMigratedWithNoRowChangedAndTheTimePrinted() throws SQLException {
        int users = 100_000;
        String url = postgres.createDatabase();
        try (Connection c = postgres.connect(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id SERIAL PRIMARY KEY, phone VARCHAR, full_name VARCHAR, role VARCHAR)");
            s.execute("INSERT INTO users (phone, full_name, role) SELECT '+99890' || lpad(g::text, 7, '0'), "
                    + "'User ' || g, (ARRAY['student','teacher','parent'])[1 + g % 3] FROM generate_series(1, "
                    + users + ") g");
            s.execute(SEED_USER_ACTIVITY);
            s.execute("INSERT INTO user_activity (user_id, phone, last_active, created_at, updated_at) SELECT id, "
                    + "phone, TIMESTAMP '2025-09-01 10:00:00.123456' + id * INTERVAL '1 millisecond', "
                    + "TIMESTAMP '2025-01-01 00:00:00', TIMESTAMP '2025-09-01 10:00:00' FROM users");
        }
        Map<String, String> before = checksums(url, "users", "user_activity");

        long started = System.nanoTime();
        MigrateResult result = migrate(url);
        long millis = (System.nanoTime() - started) / 1_000_000;

        System.out.printf("fault scenario 10: migrated %d users + %d activity rows in %d ms (%d migrations)%n",
                users, users, millis, result.migrationsExecuted);
        assertThat(result.success).isTrue();
        assertThat(checksums(url, "users", "user_activity")).isEqualTo(before);
        assertThat(before.get("user_activity")).startsWith(users + ":");
    }

    @Test
    void runningTheMigrationTwiceIsANoOp() throws SQLException {
        String url = postgres.createDatabase();
        migrate(url);
        Map<String, String> schemaBefore = schemaChecksum(url);

        MigrateResult again = migrate(url);

        assertThat(again.migrationsExecuted).isZero();
        assertThat(schemaChecksum(url)).isEqualTo(schemaBefore);
    }

    @Test
    void noMigrationDropsTruncatesDeletesOrUpdates() throws IOException, URISyntaxException {
        Path folder = Path.of(getClass().getResource("/db/activity").toURI());
        Pattern destructive = Pattern.compile("\\b(DROP|TRUNCATE|DELETE|UPDATE|ALTER\\s+TABLE\\s+\\S+\\s+(DROP|ALTER))\\b");
        List<String> offenders = new ArrayList<>();
        List<Path> migrations;
        try (Stream<Path> files = Files.list(folder)) {
            migrations = files.filter(p -> p.toString().endsWith(".sql")).toList();
        }
        for (Path migration : migrations) {
            String sql = stripComments(Files.readString(migration, StandardCharsets.UTF_8)).toUpperCase(Locale.ROOT);
            if (destructive.matcher(sql).find()) {
                offenders.add(migration.getFileName().toString());
            }
        }

        assertThat(migrations).hasSizeGreaterThanOrEqualTo(3);
        assertThat(offenders).isEmpty();
    }

    private MigrateResult migrate(String url) {
        return ActivitySchema.migrate(url, postgres.user(), postgres.password());
    }

    private Map<String, String> checksums(String url, String... tables) throws SQLException {
        Map<String, String> sums = new TreeMap<>();
        try (Connection c = postgres.connect(url); Statement s = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' "
                        + "ORDER BY t::text)), '') FROM " + table + " t")) {
                    rs.next();
                    sums.put(table, rs.getString(1));
                }
            }
        }
        return sums;
    }

    private Map<String, String> schemaChecksum(String url) throws SQLException {
        Map<String, String> sums = new TreeMap<>();
        try (Connection c = postgres.connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name || '.' || column_name, data_type || coalesce(column_default, '') "
                     + "FROM information_schema.columns WHERE table_schema = 'public'")) {
            while (rs.next()) {
                sums.put(rs.getString(1), rs.getString(2));
            }
        }
        try (Connection c = postgres.connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'")) {
            while (rs.next()) {
                sums.put(rs.getString(1), rs.getString(2));
            }
        }
        return sums;
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '"
                        + table + "' ORDER BY ordinal_position")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static List<String> indexes(Connection c, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = '" + table + "'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String stripComments(String sql) {
        return sql.replaceAll("--[^\\n]*", "");
    }
}
