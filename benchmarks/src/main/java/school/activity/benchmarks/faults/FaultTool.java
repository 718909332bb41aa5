package school.activity.benchmarks.faults;

import java.util.Arrays;

/**
 * Load and checks of the fault scenarios in {@code scripts/faults/} (docs/reliability.md), one class per command.
 * Database settings from {@code ACTIVITY_DB_URL / _USER / _PASSWORD}, the secret from {@code ACTIVITY_JWT_SECRET}
 * (both from {@code scripts/cluster.sh env}). A scenario script and the tool meet in a work directory: the script
 * writes the marks {@code fault_start}, {@code fault_end} and {@code stop}, the tool its records. Metrics come from a
 * service's management port (its actuator), not from the port clients use.
 *
 * <pre>
 *   traffic &lt;trackerUrl&gt; &lt;users&gt; &lt;requestsPerSecond&gt; &lt;seconds&gt; &lt;dir&gt;        {@link Traffic}
 *   one-shot &lt;trackerUrl&gt; &lt;firstUser&gt; &lt;users&gt; &lt;dir&gt;                         {@link OneShot}
 *   check-last-active &lt;dir&gt; &lt;timeoutSeconds&gt; [lossAllowedAfterEpochMillis]     {@link CheckLastActive}
 *   ws-hold &lt;wsUrl&gt; &lt;clients&gt; &lt;seconds&gt; &lt;dir&gt;                                {@link WsHold}
 *   storm &lt;host:port&gt; &lt;handshakes&gt; &lt;limitPerChannel&gt; &lt;holdSeconds&gt; &lt;managementHost:port&gt;
 *                                                                                  {@link HandshakeStorm}
 *   stall &lt;host:port&gt; &lt;channelPath&gt; &lt;stalled&gt; &lt;normal&gt; &lt;secondsPerPhase&gt; &lt;managementHost:port&gt;
 *         &lt;heapGrowthLimitMb&gt;
 *                                                                                  {@link StalledClients}
 *   failover &lt;directWsUrl&gt; &lt;balancedWsUrl&gt; &lt;clients&gt; &lt;statusUrl&gt; &lt;dir&gt;      {@link Failover}
 * </pre>
 * Exit status: 0 the check held, 1 it did not, 2 usage.
 */
public final class FaultTool {

    static final int HELD = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private FaultTool() {
    }

    public static void main(String[] args) throws Exception {
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        int status = switch (args.length == 0 ? "" : args[0]) {
            case "traffic" -> rest.length == 5 ? Traffic.run(rest) : usage();
            case "one-shot" -> rest.length == 4 ? OneShot.run(rest) : usage();
            case "check-last-active" -> rest.length >= 2 ? CheckLastActive.run(rest) : usage();
            case "ws-hold" -> rest.length == 4 ? WsHold.run(rest) : usage();
            case "storm" -> rest.length == 5 ? HandshakeStorm.run(rest) : usage();
            case "stall" -> rest.length == 7 ? StalledClients.run(rest) : usage();
            case "failover" -> rest.length == 5 ? Failover.run(rest) : usage();
            default -> usage();
        };
        System.exit(status);
    }

    static int held(boolean held) {
        return held ? HELD : FAILED;
    }

    private static int usage() {
        System.err.println("usage: FaultTool traffic|one-shot|check-last-active|ws-hold|storm|stall|failover ..."
                + " (see the class comment of school.activity.benchmarks.faults.FaultTool)");
        return USAGE;
    }
}
