package school.activity.benchmarks.cluster;

import java.time.Duration;

import school.activity.testinfra.TokenIssuer;

/** {@code token <userId> <role> [phone] [ttlSeconds]}: prints a JWT the cluster's services accept. */
final class TokenCommand {

    static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private TokenCommand() {
    }

    static int run(String[] args, String secret) {
        if (args.length < 2 || args.length > 4) {
            return ClusterTool.usage();
        }
        String phone = args.length > 2 && !args[2].isEmpty() ? args[2] : null;
        Duration lifetime = args.length > 3 ? Duration.ofSeconds(Long.parseLong(args[3])) : DEFAULT_LIFETIME;
        System.out.println(TokenIssuer.hmac(secret).issue(Long.parseLong(args[0]), args[1], phone, lifetime));
        return 0;
    }
}
