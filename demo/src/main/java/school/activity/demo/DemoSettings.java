package school.activity.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import school.activity.demo.school.SchoolSize;

/**
 * Everything the demo can be told, resolved once at start. Each setting {@code activity.demo.x-y} is read from a
 * {@code --activity.demo.x-y=value} argument, else a {@code -Dactivity.demo.x-y=value} system property, else the
 * environment variable {@code ACTIVITY_DEMO_X_Y}, else its default below. Other {@code activity.*} arguments and
 * system properties are handed to both services as environment variables; {@code ACTIVITY_*} environment variables
 * reach them anyway, because the children inherit the demo's environment.
 *
 * @param traffic          {@code activity.demo.traffic}: {@code on} (default) or {@code off}, the traffic simulator
 * @param dataDir          {@code activity.demo.data-dir}: PostgreSQL's data ({@code postgres/}, kept across restarts),
 *                         the logs ({@code logs/}) and Kafka's log ({@code kafka/}, fresh at every start); default
 *                         {@code ./data}
 * @param projectDir       {@code activity.demo.project-dir}: the checkout holding the services' built jars; default {@code .}
 * @param ports            the ports of everything the demo starts
 * @param school           {@code activity.demo.students/teachers/parents}: the school seeded into an empty database
 * @param startupTimeout   {@code activity.demo.startup-timeout}: how long a service may take to become ready; default 180 s
 * @param tokenLifetime    {@code activity.demo.token-lifetime}: lifetime of the printed tokens; default 12 h
 * @param jwtSecret        {@code ACTIVITY_JWT_SECRET}, else the demo's own (public, for local use only) secret
 * @param childJavaOptions {@code activity.demo.child-java-options}: JVM options of both services
 * @param childEnvironment settings handed to both services as environment variables, on top of the inherited ones
 */
public record DemoSettings(boolean traffic, Path dataDir, Path projectDir, Ports ports, SchoolSize school,
                           Duration startupTimeout, Duration tokenLifetime, String jwtSecret,
                           List<String> childJavaOptions, Map<String, String> childEnvironment) {

    public static final String PREFIX = "activity.demo.";
    /** Known to everyone who reads this file: fine for a laptop, never for a deployment. */
    public static final String DEMO_JWT_SECRET = "demo-school-secret-for-local-use-only-0123456789";
    public static final String JWT_SECRET_VARIABLE = "ACTIVITY_JWT_SECRET";
    public static final String DEFAULT_CHILD_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m";

    /**
     * @param tracker     {@code activity.demo.tracker-port}, default 8080
     * @param broadcaster {@code activity.demo.broadcaster-port}, default 8000
     * @param platform    {@code activity.demo.platform-port}: the demo platform API, default 8090
     * @param postgres    {@code activity.demo.postgres-port}, default 0 (any free port); Kafka always takes a free one
     */
    public record Ports(int tracker, int broadcaster, int platform, int postgres) {

        public Ports {
            for (int port : new int[] {tracker, broadcaster, platform, postgres}) {
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("a port must be within 0..65535 (0: any free port), got " + port);
                }
            }
        }
    }

    public DemoSettings {
        childJavaOptions = List.copyOf(childJavaOptions);
        childEnvironment = Map.copyOf(childEnvironment);
        if (jwtSecret == null || jwtSecret.isBlank()) {
            throw new IllegalArgumentException(JWT_SECRET_VARIABLE + " must not be blank");
        }
        if (startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new IllegalArgumentException(PREFIX + "startup-timeout must be positive");
        }
        if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException(PREFIX + "token-lifetime must be positive");
        }
    }

    /** Resolves the settings from the program arguments, system properties and environment, in that order. */
    public static DemoSettings resolve(List<String> arguments, Properties systemProperties, Map<String, String> environment) {
        Map<String, String> given = new LinkedHashMap<>();
        systemProperties.stringPropertyNames().stream()
                .filter(name -> name.startsWith("activity."))
                .forEach(name -> given.put(name, systemProperties.getProperty(name)));
        given.putAll(parseArguments(arguments));
        Function<String, String> lookup = name -> {
            String value = given.get(PREFIX + name);
            return value != null ? value : environment.get(environmentName(PREFIX + name));
        };
        Map<String, String> childEnvironment = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            if (!name.startsWith(PREFIX)) {
                childEnvironment.put(environmentName(name), value);
            }
        });
        String secret = environment.getOrDefault(JWT_SECRET_VARIABLE, "");
        return new DemoSettings(
                onOff(read(lookup, "traffic", "on"), "traffic"),
                Path.of(read(lookup, "data-dir", "data")),
                Path.of(read(lookup, "project-dir", ".")),
                new Ports(
                        integer(lookup, "tracker-port", 8080),
                        integer(lookup, "broadcaster-port", 8000),
                        integer(lookup, "platform-port", 8090),
                        integer(lookup, "postgres-port", 0)),
                new SchoolSize(
                        integer(lookup, "students", SchoolSize.REFERENCE.students()),
                        integer(lookup, "teachers", SchoolSize.REFERENCE.teachers()),
                        integer(lookup, "parents", SchoolSize.REFERENCE.parents())),
                duration(lookup, "startup-timeout", Duration.ofSeconds(180)),
                duration(lookup, "token-lifetime", Duration.ofHours(12)),
                secret.isBlank() ? DEMO_JWT_SECRET : secret,
                Arrays.stream(read(lookup, "child-java-options", DEFAULT_CHILD_JAVA_OPTIONS).trim().split("\\s+"))
                        .filter(option -> !option.isEmpty())
                        .toList(),
                childEnvironment);
    }

    /** True when the secret is the demo's public one rather than one the user gave. */
    public boolean usesDemoSecret() {
        return DEMO_JWT_SECRET.equals(jwtSecret);
    }

    /** Spring Boot's canonical environment name of a property: dots to underscores, dashes dropped, upper case. */
    public static String environmentName(String property) {
        return property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
    }

    private static Map<String, String> parseArguments(List<String> arguments) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            if (!argument.startsWith("--activity.") || equals < 0) {
                throw new IllegalArgumentException("unknown argument '" + argument
                        + "': settings are given as --activity.<name>=<value>");
            }
            parsed.put(argument.substring(2, equals), argument.substring(equals + 1));
        }
        return parsed;
    }

    private static String read(Function<String, String> lookup, String name, String fallback) {
        String value = lookup.apply(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int integer(Function<String, String> lookup, String name, int fallback) {
        String value = read(lookup, name, Integer.toString(fallback));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + name + " must be a whole number, got '" + value + "'");
        }
    }

    private static Duration duration(Function<String, String> lookup, String name, Duration fallback) {
        String value = read(lookup, name, "");
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return value.chars().allMatch(Character::isDigit)
                    ? Duration.ofSeconds(Long.parseLong(value))
                    : Duration.parse("PT" + value.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(PREFIX + name + " must be a duration like 90s, 5m or 12h, got '" + value + "'");
        }
    }

    private static boolean onOff(String value, String name) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new IllegalArgumentException(PREFIX + name + " must be on or off, got '" + value + "'");
        };
    }
}
