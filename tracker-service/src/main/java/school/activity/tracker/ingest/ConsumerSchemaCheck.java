package school.activity.tracker.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the consumer's upsert needs from the database, checked before it starts: {@code user_activity} with the
 * columns it writes and a unique index on {@code user_id} alone (its {@code ON CONFLICT (user_id)} fails on every
 * batch without one, which would stall the partition forever), and {@code users(id, phone)}, which it reads. An
 * adopted table that lacks any of it stops start-up with a message naming what is missing and how to fix it. A
 * database that cannot be reached at start-up is no schema error: consumption retries until it is back, as always.
 */
final class ConsumerSchemaCheck {

    static final List<String> WRITTEN_COLUMNS = List.of("user_id", "phone", "last_active", "created_at", "updated_at");
    static final List<String> READ_USER_COLUMNS = List.of("id", "phone");

    private static final Logger log = LoggerFactory.getLogger(ConsumerSchemaCheck.class);
    private static final String COLUMNS = """
            SELECT attname FROM pg_attribute
            WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped
            """;
    /** A unique, immediate, valid, non-partial index on exactly (user_id): what ON CONFLICT (user_id) can use. */
    private static final String UNIQUE_USER_ID = """
            SELECT EXISTS (
                SELECT 1 FROM pg_index i
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                WHERE i.indrelid = to_regclass('user_activity') AND i.indisunique AND i.indimmediate AND i.indisvalid
                  AND i.indpred IS NULL AND i.indexprs IS NULL AND i.indnkeyatts = 1 AND a.attname = 'user_id')
            """;

    private final JdbcTemplate jdbc;

    ConsumerSchemaCheck(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws IllegalStateException naming every problem found, when the schema cannot take the upsert */
    void verify() {
        List<String> problems;
        try {
            problems = problems();
        } catch (DataAccessResourceFailureException | TransientDataAccessException e) {
            log.warn("Schema of user_activity not checked: the database is unreachable ({}); consumption retries until"
                    + " it is back", e.getClass().getSimpleName());
            return;
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The activity consumer refuses to start: " + String.join("; ", problems)
                    + ". Fix the schema (or run the project's migrations: spring.flyway.enabled=true or MigrateCommand)"
                    + " and start again.");
        }
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        Set<String> activityColumns = requireColumns("user_activity", WRITTEN_COLUMNS, "writes", problems);
        if (activityColumns.contains("user_id")
                && !Boolean.TRUE.equals(jdbc.queryForObject(UNIQUE_USER_ID, Boolean.class))) {
            problems.add("user_activity has no unique index on user_id, which the upsert's ON CONFLICT (user_id)"
                    + " needs; remove duplicate user_id rows, then CREATE UNIQUE INDEX CONCURRENTLY"
                    + " user_activity_user_id_key ON user_activity (user_id)");
        }
        requireColumns("users", READ_USER_COLUMNS, "reads", problems);
        return problems;
    }

    /** Adds what {@code table} lacks of {@code needed} to {@code problems}; returns the columns it has. */
    private Set<String> requireColumns(String table, List<String> needed, String use, List<String> problems) {
        Set<String> present = new TreeSet<>(jdbc.queryForList(COLUMNS, String.class, table));
        if (present.isEmpty()) {
            problems.add("table " + table + " does not exist");
            return present;
        }
        List<String> absent = needed.stream().filter(column -> !present.contains(column)).toList();
        if (!absent.isEmpty()) {
            problems.add(table + " lacks the column(s) " + String.join(", ", absent) + " that the consumer " + use);
        }
        return present;
    }
}
