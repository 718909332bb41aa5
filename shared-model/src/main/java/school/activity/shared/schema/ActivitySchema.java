package school.activity.shared.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * How the activity migrations run, the same way from both services, the tests and any operator tool.
 * They keep their own history table, so a platform's own Flyway history in the same schema is never touched, and
 * baseline at version 0 on a non-empty database, so every migration still runs there: each one only creates what is
 * missing and never changes existing rows.
 */
public final class ActivitySchema {

    public static final String LOCATION = "classpath:db/activity";
    public static final String HISTORY_TABLE = "activity_schema_history";
    public static final String BASELINE_VERSION = "0";

    private ActivitySchema() {
    }

    /** Runs the migrations against a database, outside any service (tests, {@link MigrateCommand}). */
    public static MigrateResult migrate(String jdbcUrl, String user, String password) {
        return configure(Flyway.configure().dataSource(jdbcUrl, user, password)).load().migrate();
    }

    /** How many migrations this code has that the database has not applied yet (0: the schema is current). */
    public static int pendingMigrations(String jdbcUrl, String user, String password) {
        return configure(Flyway.configure().dataSource(jdbcUrl, user, password)).load().info().pending().length;
    }

    public static FluentConfiguration configure(FluentConfiguration configuration) {
        return configuration
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion(BASELINE_VERSION)
                .baselineDescription("activity schema baseline")
                .cleanDisabled(true);
    }
}
