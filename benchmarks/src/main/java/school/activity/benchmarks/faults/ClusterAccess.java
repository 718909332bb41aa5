package school.activity.benchmarks.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import school.activity.testinfra.TokenIssuer;

/** The cluster's database and secret, from the variables {@code scripts/cluster.sh env} exports. */
final class ClusterAccess {

    /** Long enough for any scenario; a token that expired mid-run would close channel sessions. */
    static final Duration TOKEN_LIFETIME = Duration.ofHours(2);

    private ClusterAccess() {
    }

    static TokenIssuer issuer() {
        return TokenIssuer.hmac(System.getenv("ACTIVITY_JWT_SECRET"));
    }

    /** A dashboard's token (role admin). */
    static String adminToken() {
        return issuer().issue(1, "admin", null, TOKEN_LIFETIME);
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getenv("ACTIVITY_DB_URL"), System.getenv("ACTIVITY_DB_USER"),
                System.getenv("ACTIVITY_DB_PASSWORD"));
    }

    /** {@code count} user ids in id order, after skipping {@code offset}; fails when there are fewer. */
    static List<Long> userIds(int offset, int count) throws SQLException {
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("SELECT id FROM users ORDER BY id OFFSET ? LIMIT ?")) {
            s.setInt(1, offset);
            s.setInt(2, count);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            if (ids.size() < count) {
                throw new IllegalStateException("only " + ids.size() + " users after the first " + offset
                        + ": scripts/cluster.sh seed more");
            }
            return ids;
        }
    }

    /** {@code last_active} in epoch microseconds per user; users without a row are absent. */
    static Map<Long, Long> lastActiveMicros(Collection<Long> ids) throws SQLException {
        Map<Long, Long> result = new HashMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT user_id, last_active FROM user_activity WHERE user_id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    LocalDateTime time = rs.getObject(2, LocalDateTime.class);
                    if (time != null) {
                        result.put(rs.getLong(1), micros(time.toInstant(ZoneOffset.UTC)));
                    }
                }
            }
        }
        return result;
    }

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
