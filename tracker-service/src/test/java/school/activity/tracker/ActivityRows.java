package school.activity.tracker;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/** Seeds {@code users} and reads {@code user_activity} with plain SQL, times as UTC without the JVM's zone. */
public final class ActivityRows {

    private final JdbcTemplate jdbc;

    public ActivityRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Row(long userId, String phone, Instant lastActive, Instant updatedAt) {
    }

    public long seedUser(String phone) {
        Long id = jdbc.queryForObject("INSERT INTO users (phone, full_name, role) VALUES (?, ?, 'student') RETURNING id",
                Long.class, phone, "Test Student");
        return id;
    }

    public List<Long> seedUsers(int count, String phonePrefix) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> seedUser(phonePrefix + String.format("%04d", i))).toList();
    }

    public Optional<Row> row(long userId) {
        return jdbc.query("SELECT user_id, phone, last_active, updated_at FROM user_activity WHERE user_id = ?",
                (rs, n) -> new Row(rs.getLong(1), rs.getString(2), utc(rs.getObject(3, LocalDateTime.class)),
                        utc(rs.getObject(4, LocalDateTime.class))), userId).stream().findFirst();
    }

    public Optional<Instant> lastActive(long userId) {
        return row(userId).map(Row::lastActive);
    }

    public int count(Collection<Long> userIds) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM user_activity WHERE user_id = ANY(?)",
                Integer.class, (Object) userIds.toArray(Long[]::new));
        return count;
    }

    private static Instant utc(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }
}
