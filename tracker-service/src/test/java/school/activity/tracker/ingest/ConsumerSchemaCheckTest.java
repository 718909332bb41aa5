package school.activity.tracker.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import school.activity.testinfra.SharedKafka;
import school.activity.testinfra.SharedPostgres;
import school.activity.tracker.TestTokens;
import school.activity.tracker.TrackerApplication;

/** The consumer checks the schema its upsert needs before it starts, against real PostgreSQL databases. */
class ConsumerSchemaCheckTest {

    private final SharedPostgres postgres = SharedPostgres.get();

    @Test
    void anAdoptedUserActivityWithoutAUniqueUserIdStopsTheConsumerAtStartUpNamingTheFix() throws SQLException {
        // A table another tool created: the right columns, but user_id only indexed, not unique.
        String database = databaseWith("""
                CREATE TABLE users (id SERIAL PRIMARY KEY, phone VARCHAR, full_name VARCHAR, role VARCHAR);
                CREATE TABLE user_activity (id SERIAL PRIMARY KEY, user_id INTEGER REFERENCES users(id),
                    phone VARCHAR, last_active TIMESTAMP, created_at TIMESTAMP, updated_at TIMESTAMP);
                CREATE INDEX idx_activity_user_id ON user_activity(user_id);
                """);

        assertThatThrownBy(() -> new SpringApplicationBuilder(TrackerApplication.class).run(
                "--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + postgres.user(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                "--activity.jwt.secret=" + TestTokens.SECRET,
                "--activity.kafka.topic=schema-check-" + UUID.randomUUID(),
                "--activity.tracker.http.enabled=false"))
                .satisfies(failure -> assertThat(NestedExceptionUtils.getMostSpecificCause(failure).getMessage())
                        .contains("refuses to start")
                        .contains("no unique index on user_id")
                        .contains("CREATE UNIQUE INDEX CONCURRENTLY user_activity_user_id_key ON user_activity (user_id)"));
    }

    @Test
    void missingColumnsAndTablesAreNamed() throws SQLException {
        String database = databaseWith("""
                CREATE TABLE user_activity (id SERIAL PRIMARY KEY, user_id INTEGER UNIQUE, last_active TIMESTAMP);
                """);

        assertThat(new ConsumerSchemaCheck(jdbc(database)).problems()).containsExactly(
                "user_activity lacks the column(s) phone, created_at, updated_at that the consumer writes",
                "table users does not exist");
    }

    @Test
    void theProjectsOwnSchemaPasses() throws SQLException {
        String database = databaseWith("""
                CREATE TABLE users (id SERIAL PRIMARY KEY, phone VARCHAR, full_name VARCHAR, role VARCHAR);
                CREATE TABLE user_activity (id SERIAL PRIMARY KEY, user_id INTEGER UNIQUE REFERENCES users(id),
                    phone VARCHAR, last_active TIMESTAMP, created_at TIMESTAMP, updated_at TIMESTAMP);
                """);

        assertThat(new ConsumerSchemaCheck(jdbc(database)).problems()).isEmpty();
    }

    @Test
    void anUnreachableDatabaseIsNoSchemaErrorConsumptionRetriesAsAlways() {
        JdbcTemplate unreachable = new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2", "nobody", "none"));

        new ConsumerSchemaCheck(unreachable).verify();
    }

    private String databaseWith(String ddl) throws SQLException {
        String database = postgres.createDatabase();
        try (Connection connection = postgres.connect(database); Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        }
        return database;
    }

    private JdbcTemplate jdbc(String database) {
        return new JdbcTemplate(new DriverManagerDataSource(database, postgres.user(), postgres.password()));
    }
}
