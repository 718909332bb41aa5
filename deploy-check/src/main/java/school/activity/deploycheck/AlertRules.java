package school.activity.deploycheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Prometheus alerting rule file, checked for what Prometheus requires of one (a list of groups, each with a
 * unique name and rules; each rule an alert or a record with an expression; durations in Prometheus's form) and
 * for what this project's alerts carry (a severity label, a summary and a description telling what to do, the
 * groups expected). Usage: {@code AlertRules <rules.yml> <expected group>...}; exits 1 on any problem.
 */
public final class AlertRules {

    private static final Pattern DURATION = Pattern.compile("([0-9]+(ms|s|m|h|d|w|y))+");
    private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
    private static final Set<String> RULE_FIELDS = Set.of("alert", "record", "expr", "for", "keep_firing_for",
            "labels", "annotations");
    private static final Set<String> GROUP_FIELDS = Set.of("name", "interval", "rules", "limit", "query_offset",
            "labels");

    private final List<Map<String, Object>> groups;

    private AlertRules(List<Map<String, Object>> groups) {
        this.groups = groups;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 1) {
            err.println("usage: AlertRules <rules.yml> <expected group>...");
            return 2;
        }
        try {
            AlertRules rules = load(Path.of(args[0]));
            List<String> problems = rules.problems(new LinkedHashSet<>(List.of(args).subList(1, args.length)));
            problems.forEach(problem -> err.println("invalid: " + problem));
            out.printf("%d groups, %d rules checked, %d problems%n", rules.groups.size(), rules.rules().size(),
                    problems.size());
            return problems.isEmpty() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println(args[0] + ": " + e.getMessage());
            return 1;
        }
    }

    @SuppressWarnings("unchecked")
    public static AlertRules load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Object root = MetricReferences.yaml(in);
            if (!(root instanceof Map<?, ?> map) || !(map.get("groups") instanceof List<?> groups)) {
                throw new IllegalArgumentException("a rule file is a map with a list `groups`");
            }
            List<Map<String, Object>> typed = new ArrayList<>();
            for (Object group : groups) {
                if (!(group instanceof Map<?, ?>)) {
                    throw new IllegalArgumentException("every group is a map");
                }
                typed.add((Map<String, Object>) group);
            }
            return new AlertRules(typed);
        }
    }

    /** Every rule of every group. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> rules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : groups) {
            if (group.get("rules") instanceof List<?> list) {
                list.stream().filter(Map.class::isInstance).forEach(rule -> rules.add((Map<String, Object>) rule));
            }
        }
        return rules;
    }

    public List<String> problems(Set<String> expectedGroups) {
        List<String> problems = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        Set<String> alerts = new HashSet<>();
        for (Map<String, Object> group : groups) {
            Object name = group.get("name");
            String where = "group " + name;
            if (!(name instanceof String text) || text.isBlank()) {
                problems.add("a group has no name");
            } else if (!names.add(text)) {
                problems.add(where + ": the name is used twice");
            }
            unknownFields(where, group, GROUP_FIELDS, problems);
            if (!(group.get("rules") instanceof List<?> rules) || rules.isEmpty()) {
                problems.add(where + ": no rules");
                continue;
            }
            for (Object rule : rules) {
                if (rule instanceof Map<?, ?> map) {
                    ruleProblems(where, map, alerts, problems);
                } else {
                    problems.add(where + ": a rule is not a map");
                }
            }
        }
        if (!names.equals(expectedGroups)) {
            problems.add("groups are " + names + ", expected " + expectedGroups);
        }
        return problems;
    }

    private static void ruleProblems(String group, Map<?, ?> rule, Set<String> alerts, List<String> problems) {
        Object alert = rule.get("alert");
        String where = group + ", rule " + (alert != null ? alert : rule.get("record"));
        if ((alert == null) == (rule.get("record") == null)) {
            problems.add(where + ": a rule has exactly one of `alert` and `record`");
        }
        if (!(rule.get("expr") instanceof String expression) || expression.isBlank()) {
            problems.add(where + ": no expr");
        }
        for (String durationField : List.of("for", "keep_firing_for")) {
            Object duration = rule.get(durationField);
            if (duration != null && !DURATION.matcher(duration.toString()).matches()) {
                problems.add(where + ": `" + durationField + "` " + duration + " is not a Prometheus duration");
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) rule;
        unknownFields(where, typed, RULE_FIELDS, problems);
        if (alert == null) {
            return;
        }
        if (!alerts.add(alert.toString())) {
            problems.add(where + ": the alert name is used twice");
        }
        Object severity = rule.get("labels") instanceof Map<?, ?> labels ? labels.get("severity") : null;
        if (severity == null || !SEVERITIES.contains(severity.toString())) {
            problems.add(where + ": labels.severity must be one of " + SEVERITIES);
        }
        if (!(rule.get("annotations") instanceof Map<?, ?> annotations)
                || !(annotations.get("summary") instanceof String) || !(annotations.get("description") instanceof String)) {
            problems.add(where + ": annotations.summary and annotations.description are required");
        }
    }

    private static void unknownFields(String where, Map<String, Object> map, Set<String> known,
                                      List<String> problems) {
        map.keySet().stream().filter(key -> !known.contains(key))
                .forEach(key -> problems.add(where + ": unknown field `" + key + "`"));
    }
}
