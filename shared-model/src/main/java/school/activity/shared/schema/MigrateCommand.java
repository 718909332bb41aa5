package school.activity.shared.schema;

import org.flywaydb.core.api.output.MigrateResult;

/**
 * Migrates the activity schema and exits, for operators who switch the services' start-up migration off
 * ({@code spring.flyway.enabled=false}). Reads {@code ACTIVITY_DB_URL}, {@code ACTIVITY_DB_USER} and
 * {@code ACTIVITY_DB_PASSWORD}. Runs from either service's jar:
 * {@code java -cp tracker-service.jar -Dloader.main=school.activity.shared.schema.MigrateCommand
 * org.springframework.boot.loader.launch.PropertiesLauncher}
 */
public final class MigrateCommand {

    private MigrateCommand() {
    }

    public static void main(String[] args) {
        String url = System.getenv("ACTIVITY_DB_URL");
        if (url == null || url.isBlank()) {
            System.err.println("ACTIVITY_DB_URL is not set");
            System.exit(2);
        }
        MigrateResult result = ActivitySchema.migrate(url, System.getenv("ACTIVITY_DB_USER"),
                System.getenv("ACTIVITY_DB_PASSWORD"));
        System.out.printf("activity schema: %d migration(s) applied, now at version %s%n",
                result.migrationsExecuted, result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion);
        System.exit(result.success ? 0 : 1);
    }
}
