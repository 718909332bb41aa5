package school.activity.deploycheck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The metric names that PromQL expressions use: the Grafana dashboard's queries (panel targets and template
 * variables) and the alert rules' expressions. Function names, aggregation and matching keywords, label names in
 * {@code {...}}, {@code by (...)} and the like, strings, durations, numbers and Grafana's {@code $variables} are
 * not metric names.
 */
public final class MetricReferences {

    /** Series that Prometheus itself makes for every target; a service never exposes them. */
    public static final Set<String> PROMETHEUS_SERIES = Set.of("up", "scrape_duration_seconds",
            "scrape_samples_scraped");

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset", "atop", "inf", "nan");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LISTS = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLES = Pattern.compile("\\$\\{[^}]*}|\\$[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\s*\\(\\s*([^,)]+)(?:,[^)]*)?\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");

    private MetricReferences() {
    }

    /**
     * Prints the metric names that a dashboard and a rule file use. Usage: {@code MetricReferences <dashboard.json>
     * <rules.yml>}; exits 1 when the dashboard has no PromQL query or a file cannot be read.
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: MetricReferences <dashboard.json> <rules.yml>");
            System.exit(2);
        }
        try {
            int queries = dashboardExpressions(Path.of(args[0])).size();
            if (queries == 0) {
                System.err.println(args[0] + ": no PromQL query");
                System.exit(1);
            }
            Set<String> names = inFiles(Path.of(args[0]), Path.of(args[1]));
            System.out.printf("%d dashboard queries, %d metric names: %s%n", queries, names.size(), names);
        } catch (IOException | RuntimeException e) {
            System.err.println("cannot read: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The metric names one PromQL expression uses. */
    public static Set<String> inExpression(String promql) {
        String expression = VARIABLES.matcher(STRING.matcher(promql).replaceAll(" ")).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher labelValues = LABEL_VALUES.matcher(expression);
        StringBuilder rest = new StringBuilder();
        while (labelValues.find()) {
            // label_values(metric, label): only the first argument (itself a selector) names metrics.
            labelValues.appendReplacement(rest, Matcher.quoteReplacement(" " + labelValues.group(1) + " "));
        }
        labelValues.appendTail(rest);
        expression = LABEL_LISTS.matcher(rest.toString()).replaceAll(" ");
        expression = RANGES.matcher(MATCHERS.matcher(expression).replaceAll(" ")).replaceAll(" ");
        Matcher identifier = IDENTIFIER.matcher(expression);
        while (identifier.find()) {
            String token = identifier.group();
            boolean partOfNumber = identifier.start() > 0
                    && Character.isDigit(expression.charAt(identifier.start() - 1));
            boolean function = expression.substring(identifier.end()).stripLeading().startsWith("(");
            if (!partOfNumber && !function && !KEYWORDS.contains(token.toLowerCase())) {
                names.add(token);
            }
        }
        return names;
    }

    /** Every PromQL expression of a Grafana dashboard: the panels' targets (rows included) and query variables. */
    public static List<String> dashboardExpressions(Path dashboard) throws IOException {
        JsonElement root = JsonParser.parseString(Files.readString(dashboard));
        List<String> expressions = new ArrayList<>();
        collect(root, expressions);
        return expressions;
    }

    /** Every rule expression of a Prometheus rule file. */
    public static List<String> ruleExpressions(Path rules) throws IOException {
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> rule : AlertRules.load(rules).rules()) {
            if (rule.get("expr") instanceof String expression) {
                expressions.add(expression);
            }
        }
        return expressions;
    }

    /** The metric names of both files, Prometheus's own series left out. */
    public static Set<String> inFiles(Path dashboard, Path rules) throws IOException {
        Set<String> names = new TreeSet<>();
        dashboardExpressions(dashboard).forEach(expression -> names.addAll(inExpression(expression)));
        ruleExpressions(rules).forEach(expression -> names.addAll(inExpression(expression)));
        names.removeAll(PROMETHEUS_SERIES);
        return names;
    }

    /** The names of the series a Prometheus text exposition (an {@code /actuator/prometheus} page) holds. */
    public static Set<String> exposed(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher name = IDENTIFIER.matcher(line);
            if (name.lookingAt()) {
                names.add(name.group());
            }
        }
        return names;
    }

    private static void collect(JsonElement element, List<String> expressions) {
        if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(child -> collect(child, expressions));
        } else if (element.isJsonObject()) {
            JsonElement type = element.getAsJsonObject().get("type");
            if (type != null && type.isJsonPrimitive() && type.getAsString().equals("datasource")) {
                return; // a datasource variable's query is a plugin type, not PromQL
            }
            for (Map.Entry<String, JsonElement> field : element.getAsJsonObject().entrySet()) {
                JsonElement value = field.getValue();
                boolean promql = field.getKey().equals("expr")
                        || (field.getKey().equals("query") && value.isJsonPrimitive());
                if (promql && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
                    expressions.add(value.getAsString());
                } else if (field.getKey().equals("query") && value.isJsonObject() && value.getAsJsonObject().has("query")) {
                    expressions.add(value.getAsJsonObject().get("query").getAsString());
                } else {
                    collect(value, expressions);
                }
            }
        }
    }

    static Object yaml(InputStream in) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    }
}
