package school.activity.benchmarks.cluster;

import java.util.Arrays;

/**
 * Client-side commands of {@code scripts/cluster.sh}; tokens and payloads follow the contracts the services use.
 *
 * <pre>
 *   token &lt;userId&gt; &lt;role&gt; [phone] [ttlSeconds]   a signed JWT (HMAC secret from ACTIVITY_JWT_SECRET)
 *   ws-expect-online &lt;url&gt; &lt;userId&gt; &lt;timeoutSeconds&gt;
 *                                                 read channel messages until one shows userId online; the token
 *                                                 comes from ACCESS_TOKEN (process lists show arguments)
 * </pre>
 * Exit status: 0 success, 1 check failed or timed out, 2 usage.
 */
public final class ClusterTool {

    static final int USAGE = 2;

    private ClusterTool() {
    }

    public static void main(String[] args) throws Exception {
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        int status = switch (args.length == 0 ? "" : args[0]) {
            case "token" -> TokenCommand.run(rest, System.getenv("ACTIVITY_JWT_SECRET"));
            case "ws-expect-online" -> WsExpectOnline.run(rest, System.getenv("ACCESS_TOKEN"));
            default -> usage();
        };
        System.exit(status);
    }

    static int usage() {
        System.err.println("usage: ClusterTool token <userId> <role> [phone] [ttlSeconds]"
                + " | ws-expect-online <url> <userId> <timeoutSeconds>");
        return USAGE;
    }
}
