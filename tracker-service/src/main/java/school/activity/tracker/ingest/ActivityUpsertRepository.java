package school.activity.tracker.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import school.activity.shared.contract.ActivityEvent;
import school.activity.shared.schema.ActivityUpsert;

/**
 * Writes a batch of activity into {@code user_activity} with one statement ({@link ActivityUpsert}): the batch
 * travels as three arrays, rows for users missing from {@code users} are left out and named in the same round trip.
 */
public class ActivityUpsertRepository {

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
        PreparedStatement statement = connection.prepareStatement(ActivityUpsert.STATEMENT);
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
