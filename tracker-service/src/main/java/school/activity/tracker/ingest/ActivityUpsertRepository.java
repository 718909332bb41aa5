package school.activity.tracker.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import school.activity.shared.contract.ActivityEvent;

/**
 * Writes a batch of activity into {@code user_activity} with one statement: the batch travels as three arrays,
 * rows for users missing from {@code users} are left out and named in the same round trip.
 */
public class ActivityUpsertRepository {

    /**
     * {@code last_active} only moves forward; {@code phone} is the event's, else the user's; times are UTC
     * {@code TIMESTAMP}s built from epoch microseconds, so neither the JVM's nor the session's time zone takes part.
     */
    static final String UPSERT = """
            WITH batch AS (
                SELECT * FROM unnest(?::bigint[], ?::varchar[], ?::bigint[]) AS b(user_id, phone, epoch_micros)
            ), known AS (
                SELECT u.id AS user_id, COALESCE(b.phone, u.phone) AS phone,
                       'epoch'::timestamp + b.epoch_micros * interval '1 microsecond' AS last_active
                FROM batch b JOIN users u ON u.id = b.user_id
            ), written AS (
                INSERT INTO user_activity AS a (user_id, phone, last_active, created_at, updated_at)
                SELECT user_id, phone, last_active, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
                FROM known ORDER BY user_id
                ON CONFLICT (user_id) DO UPDATE
                    SET last_active = EXCLUDED.last_active, phone = EXCLUDED.phone, updated_at = EXCLUDED.updated_at
                    WHERE a.last_active IS NULL OR a.last_active < EXCLUDED.last_active
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM written) AS written,
                   ARRAY(SELECT b.user_id FROM batch b WHERE NOT EXISTS (SELECT 1 FROM known k WHERE k.user_id = b.user_id)
                         ORDER BY b.user_id) AS unknown
            """;

    private final JdbcTemplate jdbc;

    public ActivityUpsertRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param events at most one per user
     * @return rows written (inserted or moved forward) and the users of events skipped because they do not exist
     */
    public UpsertResult upsert(List<ActivityEvent> events) {
        Long[] userIds = new Long[events.size()];
        String[] phones = new String[events.size()];
        Long[] micros = new Long[events.size()];
        for (int i = 0; i < events.size(); i++) {
            ActivityEvent event = events.get(i);
            userIds[i] = event.userId();
            phones[i] = event.phone();
            micros[i] = epochMicros(event.occurredAt());
        }
        // A creator of our own: JdbcTemplate's parameter tracing would print the arrays, and they hold phones.
        UpsertResult result = jdbc.query(connection -> prepare(connection, userIds, phones, micros),
                rs -> {
                    rs.next();
                    return new UpsertResult(rs.getInt("written"), List.of((Long[]) rs.getArray("unknown").getArray()));
                });
        return result;
    }

    private static PreparedStatement prepare(Connection connection, Long[] userIds, String[] phones, Long[] micros)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(UPSERT);
        statement.setArray(1, connection.createArrayOf("bigint", userIds));
        statement.setArray(2, connection.createArrayOf("varchar", phones));
        statement.setArray(3, connection.createArrayOf("bigint", micros));
        return statement;
    }

    static long epochMicros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    /**
     * @param written        rows inserted or moved forward (an event older than the stored time writes nothing)
     * @param unknownUserIds users of events skipped because they are not in {@code users}, ascending
     */
    public record UpsertResult(int written, List<Long> unknownUserIds) {

        public UpsertResult {
            unknownUserIds = List.copyOf(unknownUserIds);
        }

        public int unknownUsers() {
            return unknownUserIds.size();
        }
    }
}
