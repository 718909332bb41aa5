package school.activity.demo.traffic;

import java.time.Duration;
import java.util.Map;

import school.activity.shared.contract.Role;

/**
 * How the simulated school behaves. The share of each role that is online follows a slow wave (lessons, breaks,
 * evenings) so the dashboard's numbers keep moving; every online user calls the API at random intervals shorter than
 * the 30 s online threshold, and each session ends at random, so individual users keep going offline and others come
 * online even when the total stays flat.
 *
 * @param tick            how often the simulator decides who is online and who sends a request
 * @param minInterval     shortest pause between two requests of one online user
 * @param maxInterval     longest pause, kept under the 30 s online threshold
 * @param meanSession     average time a user stays online before leaving
 * @param wavePeriod      period of the online-share wave
 * @param shares          per role: the average share of users online and how far the wave moves it either way
 */
public record TrafficProfile(Duration tick, Duration minInterval, Duration maxInterval, Duration meanSession,
                             Duration wavePeriod, Map<Role, Share> shares) {

    /** The demo's school day, compressed into minutes. */
    public static final TrafficProfile SCHOOL_DAY = new TrafficProfile(
            Duration.ofSeconds(1), Duration.ofSeconds(6), Duration.ofSeconds(24), Duration.ofMinutes(2),
            Duration.ofMinutes(6), Map.of(
                    Role.STUDENT, new Share(0.40, 0.20),
                    Role.TEACHER, new Share(0.60, 0.15),
                    Role.PARENT, new Share(0.15, 0.10)));

    /** @param mean average share online, 0..1; @param swing how far the wave moves it either way */
    public record Share(double mean, double swing) {

        public Share {
            if (mean - swing < 0 || mean + swing > 1) {
                throw new IllegalArgumentException("an online share must stay within 0..1");
            }
        }
    }

    public TrafficProfile {
        shares = Map.copyOf(shares);
        if (minInterval.compareTo(maxInterval) > 0) {
            throw new IllegalArgumentException("minInterval must not exceed maxInterval");
        }
    }

    /** The share of {@code role} that should be online at {@code elapsed} since the simulation began. */
    public double targetShare(Role role, Duration elapsed) {
        Share share = shares.getOrDefault(role, new Share(0, 0));
        double phase = 2 * Math.PI * elapsed.toMillis() / wavePeriod.toMillis() + role.ordinal() * Math.PI / 2;
        return share.mean() + share.swing() * Math.sin(phase);
    }
}
