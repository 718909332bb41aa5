package school.activity.demo;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;

import school.activity.demo.process.ServiceProcess;
import school.activity.demo.token.TokenCommand;

/**
 * {@code run.sh}: starts the demo stack and keeps it running until Ctrl-C; {@code run.sh token <userId> [role]}
 * prints a token for a user of the demo school.
 */
public final class DemoApplication {

    /** Set by run.sh to the epoch milliseconds at which it began (before the build), to report the start-up time. */
    private static final String LAUNCHED_AT_VARIABLE = "DEMO_LAUNCHED_AT_MS";
    private static final String LOGBACK_CONFIGURATION = "logback.configurationFile";

    private DemoApplication() {
    }

    public static void main(String[] args) {
        // The token issuer's module carries the tests' logback-test.xml, which logback would otherwise prefer.
        System.setProperty(LOGBACK_CONFIGURATION, System.getProperty(LOGBACK_CONFIGURATION, "logback.xml"));
        List<String> arguments = Arrays.asList(args);
        boolean tokenCommand = !arguments.isEmpty() && arguments.get(0).equals("token");
        List<String> settingArguments = arguments.stream().filter(a -> a.startsWith("--")).toList();
        DemoSettings settings;
        try {
            settings = DemoSettings.resolve(settingArguments, System.getProperties(), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (tokenCommand) {
            List<String> positional = arguments.subList(1, arguments.size()).stream()
                    .filter(a -> !a.startsWith("--")).toList();
            System.exit(TokenCommand.run(positional, settings, System.out, System.err));
        }
        if (arguments.size() != settingArguments.size()) {
            System.err.println("usage: run.sh [--activity.<name>=<value> ...] | run.sh token <userId> [role]");
            System.exit(2);
        }
        System.exit(run(settings));
    }

    private static int run(DemoSettings settings) {
        DemoStack stack = new DemoStack(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the demo: traffic, services, platform API, Kafka, PostgreSQL...");
            stack.close();
            System.out.println("Stopped.");
        }, "demo-stop"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            if (stack.isClosing()) {
                return 0; // Ctrl-C during start-up
            }
            System.err.println("The demo could not start: " + e.getMessage());
            return 1;
        }
        printBanner(System.out, stack, settings);
        try {
            ServiceProcess exited = stack.anyServiceExit().get();
            if (stack.isClosing()) {
                return 0;
            }
            System.err.println(exited.name() + " stopped unexpectedly; its log: " + exited.logFile().toAbsolutePath());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException e) {
            System.err.println("lost track of the services: " + e.getCause());
            return 1;
        }
    }

    private static void printBanner(PrintStream out, DemoStack stack, DemoSettings settings) {
        long now = System.currentTimeMillis();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        String launchedAt = System.getenv(LAUNCHED_AT_VARIABLE);
        String timing = String.format("started in %.1f s", (now - jvmStart) / 1000.0);
        if (launchedAt != null && launchedAt.matches("\\d+")) {
            timing += String.format(", %.1f s after ./run.sh began (build included)",
                    (now - Long.parseLong(launchedAt)) / 1000.0);
        }
        out.println();
        out.println("  Activity demo is live (" + timing + ")");
        out.println();
        out.println("  Dashboard  " + stack.dashboardUrl());
        out.println("             (the token in the URL is the demo administrator's; it is valid for "
                + settings.tokenLifetime().toHours() + " h)");
        out.println("  Tracker    " + stack.trackerUrl() + "  in front of the demo platform API at " + stack.platformUrl());
        out.println("  Try it     curl -H \"Authorization: Bearer $(./run.sh token 1)\" " + stack.trackerUrl() + "api/timetable");
        out.println("  Tokens     ./run.sh token <userId> [role]   (students, then teachers, then parents, from id 1)");
        out.println("  Status     curl -H \"Authorization: Bearer $(./run.sh token " + stack.adminId() + ")\" "
                + stack.broadcasterUrl() + "activity/status");
        out.println("  Traffic    " + (settings.traffic() ? "on" : "off") + "  (--activity.demo.traffic=on|off)");
        out.println("  Data       " + settings.dataDir().resolve("postgres").toAbsolutePath()
                + "  (kept across restarts; logs in " + stack.logDir().toAbsolutePath() + ")");
        out.println("  Secret     " + (settings.usesDemoSecret()
                ? "the demo's built-in one (set ACTIVITY_JWT_SECRET to use your own)" : "from ACTIVITY_JWT_SECRET"));
        out.println();
        out.println("  Ctrl-C stops everything.");
        out.println();
    }
}
