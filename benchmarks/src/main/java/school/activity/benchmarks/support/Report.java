package school.activity.benchmarks.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark's result table: printed to the console, and its rows appended, dated and with the machine, under the
 * benchmark's own heading in {@code docs/benchmarks.md} (the heading and column names are written once).
 */
public final class Report {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final String title;
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();

    public Report(String title, String... columns) {
        this.title = title;
        this.columns = List.of(columns);
    }

    public void row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(row);
    }

    /** Prints the table and appends its rows to the markdown file, each prefixed with date and machine. */
    public void publish(Path markdown, Machine machine, String command) throws IOException {
        print();
        String date = LocalDateTime.now().format(DATE);
        String heading = "## " + title;
        StringBuilder out = new StringBuilder();
        String existing = Files.exists(markdown) ? Files.readString(markdown) : "";
        if (!existing.contains(heading + "\n")) {
            out.append(existing.isEmpty() || existing.endsWith("\n\n") ? "" : "\n").append(heading).append("\n\n")
                    .append("| date | machine | ").append(String.join(" | ", columns)).append(" |\n")
                    .append("|---|---|").append("---|".repeat(columns.size())).append("\n");
        }
        for (List<String> row : rows) {
            out.append("| ").append(date).append(" | ").append(machine.describe()).append(" | ")
                    .append(String.join(" | ", row)).append(" |\n");
        }
        if (existing.contains(heading + "\n")) {
            Files.writeString(markdown, insertAfterTable(existing, heading, out.toString()), StandardCharsets.UTF_8);
        } else {
            Files.writeString(markdown, out.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        System.out.println("appended " + rows.size() + " row(s) to " + markdown + " (" + command + ")");
    }

    /** The new rows go at the end of the benchmark's own table, which need not be the last one in the file. */
    private static String insertAfterTable(String existing, String heading, String newRows) {
        int start = existing.indexOf(heading + "\n");
        int tableStart = existing.indexOf("\n|", start);
        int end = tableStart;
        while (end >= 0 && end + 1 < existing.length() && existing.charAt(end + 1) == '|') {
            int next = existing.indexOf('\n', end + 1);
            end = next < 0 ? existing.length() : next;
        }
        int at = Math.min(end + 1, existing.length());
        String before = existing.substring(0, at);
        return before + (before.endsWith("\n") ? "" : "\n") + newRows + existing.substring(at);
    }

    private void print() {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = columns.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], i < row.size() ? row.get(i).length() : 0);
            }
        }
        System.out.println();
        System.out.println(title);
        System.out.println(line(columns, widths));
        for (List<String> row : rows) {
            System.out.println(line(row, widths));
        }
        System.out.println();
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = i < cells.size() ? cells.get(i) : "";
            s.append(String.format("%-" + widths[i] + "s  ", cell));
        }
        return s.toString().stripTrailing();
    }
}
