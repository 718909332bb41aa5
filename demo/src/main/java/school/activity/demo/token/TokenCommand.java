package school.activity.demo.token;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import school.activity.demo.DemoSettings;
import school.activity.demo.StackState;
import school.activity.demo.infra.EmbeddedDatabase;
import school.activity.testinfra.TokenIssuer;

/**
 * {@code run.sh token <userId> [role]}: prints a token for any user of the demo school, signed with the demo's secret
 * (or {@code ACTIVITY_JWT_SECRET}), and nothing else on standard output, so {@code $(./run.sh token 42)} works. Role
 * and phone come from the running demo's {@code users} table; a role given on the command line wins.
 */
public final class TokenCommand {

    public static final String USAGE = "usage: run.sh token <userId> [role]";
    private static final int USAGE_ERROR = 2;

    private TokenCommand() {
    }

    private record Holder(String role, String phone) {
    }

    /** Returns the process exit status. */
    public static int run(List<String> arguments, DemoSettings settings, PrintStream out, PrintStream err) {
        if (arguments.isEmpty() || arguments.size() > 2) {
            err.println(USAGE);
            return USAGE_ERROR;
        }
        long userId;
        try {
            userId = Long.parseLong(arguments.get(0));
        } catch (NumberFormatException e) {
            err.println("the user id must be a number; " + USAGE);
            return USAGE_ERROR;
        }
        Optional<String> givenRole = arguments.size() == 2 ? Optional.of(arguments.get(1)) : Optional.empty();
        Optional<Holder> holder;
        try {
            holder = lookUp(settings, userId);
        } catch (SQLException e) {
            err.println("could not read the demo's users table: " + e.getMessage());
            return USAGE_ERROR;
        }
        if (holder.isEmpty() && givenRole.isEmpty()) {
            err.println("user " + userId + " is unknown, or the demo is not running: start it (./run.sh), "
                    + "or give the role: run.sh token " + userId + " student");
            return USAGE_ERROR;
        }
        String role = givenRole.orElseGet(() -> holder.get().role());
        String phone = holder.map(Holder::phone).orElse(null);
        TokenIssuer issuer = TokenIssuer.hmac(settings.jwtSecret());
        out.println(issuer.issue(userId, role, phone, settings.tokenLifetime()));
        return 0;
    }

    private static Optional<Holder> lookUp(DemoSettings settings, long userId) throws SQLException {
        OptionalInt port = new StackState(settings.dataDir()).postgresPort();
        if (port.isEmpty()) {
            return Optional.empty();
        }
        try (Connection connection = DriverManager.getConnection(EmbeddedDatabase.jdbcUrl(port.getAsInt()),
                EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
             PreparedStatement query = connection.prepareStatement("SELECT role, phone FROM users WHERE id = ?")) {
            query.setLong(1, userId);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? Optional.of(new Holder(result.getString(1), result.getString(2))) : Optional.empty();
            }
        }
    }
}
