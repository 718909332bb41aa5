package school.activity.demo.school;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalLong;

/**
 * Fills the platform's {@code users} table with the demo school, once: a database that already has users (the demo's
 * own, restarted) is left exactly as it is.
 */
public final class SchoolSeeder {

    /** The demo's dashboard user: a platform user of its own, outside the three tracked roles. */
    public static final String ADMIN_ROLE = "admin";
    public static final String ADMIN_NAME = "Demo Administrator";
    private static final long ROSTER_SEED = 20250901L;
    private static final int BATCH_SIZE = 500;

    private SchoolSeeder() {
    }

    /** Seeds the school and its administrator when {@code users} is empty; returns whether it did. */
    public static boolean seedIfEmpty(Connection connection, SchoolSize size) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet any = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM users)")) {
            any.next();
            if (any.getBoolean(1)) {
                return false;
            }
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO users (phone, full_name, role) VALUES (?, ?, ?)")) {
            List<SchoolMember> members = SchoolRoster.generate(size, ROSTER_SEED);
            int pending = 0;
            for (SchoolMember member : members) {
                insert.setString(1, member.phone());
                insert.setString(2, member.fullName());
                insert.setString(3, member.role());
                insert.addBatch();
                if (++pending == BATCH_SIZE) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            insert.setString(1, null);
            insert.setString(2, ADMIN_NAME);
            insert.setString(3, ADMIN_ROLE);
            insert.addBatch();
            insert.executeBatch();
            connection.commit();
            return true;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The id of the demo administrator, if the school was seeded by the demo. */
    public static OptionalLong adminId(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT min(id) FROM users WHERE role = ?")) {
            query.setString(1, ADMIN_ROLE);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                long id = result.getLong(1);
                return result.wasNull() ? OptionalLong.empty() : OptionalLong.of(id);
            }
        }
    }
}
