package school.activity.demo.school;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import school.activity.demo.infra.EmbeddedDatabase;
import school.activity.shared.schema.ActivitySchema;

/** The demo's PostgreSQL on a data folder of its own: seeded once, and everything kept across a restart. */
class SchoolSeederTest {

    @TempDir
    Path dataDir;

    @Test
    void seedsAnEmptyDatabaseOnceAndARestartKeepsUsersAndActivity() throws Exception {
        SchoolSize size = new SchoolSize(20, 3, 30);
        Path postgres = dataDir.resolve("postgres");
        Path log = Files.createFile(dataDir.resolve("postgres.log"));

        try (EmbeddedDatabase database = migrated(postgres, log); Connection connection = database.connect()) {
            assertThat(SchoolSeeder.seedIfEmpty(connection, size)).isTrue();
            assertThat(SchoolSeeder.seedIfEmpty(connection, size)).isFalse();
            assertThat(count(connection, "SELECT count(*) FROM users")).isEqualTo(size.total() + 1);
            assertThat(SchoolSeeder.adminId(connection)).hasValue(size.total() + 1L);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO user_activity (user_id, phone, last_active) "
                        + "SELECT id, phone, now() AT TIME ZONE 'utc' FROM users WHERE role = 'student'");
            }
        }

        try (EmbeddedDatabase restarted = migrated(postgres, log); Connection connection = restarted.connect()) {
            assertThat(SchoolSeeder.seedIfEmpty(connection, size)).isFalse();
            assertThat(count(connection, "SELECT count(*) FROM users")).isEqualTo(size.total() + 1);
            assertThat(count(connection, "SELECT count(*) FROM user_activity")).isEqualTo(size.students());
        }
    }

    private static EmbeddedDatabase migrated(Path postgres, Path log) {
        EmbeddedDatabase database = EmbeddedDatabase.start(postgres, 0, log);
        ActivitySchema.migrate(database.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
        return database;
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
