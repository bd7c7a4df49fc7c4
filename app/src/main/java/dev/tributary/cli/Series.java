package dev.tributary.cli;

import dev.tributary.metrics.Point;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * What the metrics-like commands ({@code metrics}, {@code mail}, {@code issues}, {@code reviews},
 * {@code organizations show}; {@code analyze} for its format) share: their output format, the checks of {@code --by} and {@code --top}, the
 * {@code --list} of definitions, and the points printed as a table (a line per metric and group, a column
 * per period), JSON or CSV (a row per point). Stateless.
 */
final class Series {
    private Series() {
    }

    /** {@code --format} of the metrics-like commands. */
    enum Format { table, json, csv }

    /** One value to print: a {@link Point}, or another source's point whose value may be undefined (null). */
    record Row(String period, String metric, String group, Double value) {
    }

    /**
     * How a table lays its rows out: each metric's groups under it or not (see {@link #table}), the first column's
     * width, whether its text is made printable (group names that come from remote services), and how a value is
     * written.
     */
    record Style(boolean grouped, int keyWidth, boolean printable, DoubleFunction<String> cell) {
        /** The tables of {@code metrics}, {@code mail} and {@code issues}: grouped, 34 columns, values as {@link #number}. */
        static final Style POINTS = new Style(true, 34, false, Series::number);
    }

    /** A value: a whole number as such, else four decimals. */
    static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4f", v);
    }

    /** Points as a table, JSON or CSV. */
    static void print(List<Point> points, Format format, PrintWriter out) {
        print(points, points.stream().map(p -> new Row(p.period(), p.metric(), p.group(), p.value())).toList(), format,
                Style.POINTS, out);
    }

    /**
     * Rows as a table in {@code style}, or as CSV; JSON writes {@code original}, the points as their metric
     * answered them.
     */
    static void print(List<?> original, List<Row> rows, Format format, Style style, PrintWriter out) {
        write(format, out, original, csv -> {
            csv.println("period,metric,group,value");
            rows.forEach(p -> csv.printf(Locale.ROOT, "%s,%s,%s,%s%n", p.period(), p.metric(), Text.csvField(p.group()),
                    p.value() == null ? "" : number(p.value())));
        }, text -> table(rows, style, text));
    }

    /**
     * Writes a command's result in {@code format}: with {@code json} the result itself, as JSON (so the JSON of every
     * command is its result's fields); with {@code csv} and {@code table} what {@code csv} and {@code table} write.
     */
    static void write(Format format, PrintWriter out, Object result, Consumer<PrintWriter> csv, Consumer<PrintWriter> table) {
        switch (format) {
            case json -> out.println(Json.write(result));
            case csv -> csv.accept(out);
            default -> table.accept(out);
        }
    }

    /**
     * A line per metric (and group), a column per period. {@link Style#grouped}: each metric's groups right under
     * it (in the order they first appear, Other last), 0 where a group made none in a period where its metric has
     * a value, blank where the metric itself has none (retention not yet measurable, say). Otherwise a line per
     * metric and group in the order they first appear, blank where there is no value.
     */
    private static void table(List<Row> points, Style style, PrintWriter out) {
        List<String> periods = points.stream().map(Row::period).distinct().toList();
        int w = Math.max(10, periods.stream().mapToInt(String::length).max().orElse(3) + 1);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-" + style.keyWidth() + "s", "metric"));
        periods.forEach(p -> head.append(String.format(Locale.ROOT, "%" + w + "s", p)));
        out.println(head);
        if (!style.grouped()) {
            Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
            for (Row p : points) {
                String key = p.group().equals("all") ? p.metric() : "  " + p.metric() + ": " + p.group();
                rows.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(p.period(), p.value());
            }
            rows.forEach((k, v) -> row(k, v, periods, null, w, style, out));
            return;
        }
        Map<String, Map<String, Double>> totals = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, Double>>> groups = new LinkedHashMap<>();
        for (Row p : points) {
            totals.computeIfAbsent(p.metric(), k -> new LinkedHashMap<>());
            Map<String, Map<String, Double>> byGroup = groups.computeIfAbsent(p.metric(), k -> new LinkedHashMap<>());
            if (p.group().equals("all")) {
                totals.get(p.metric()).put(p.period(), p.value());
            } else {
                byGroup.computeIfAbsent(p.group(), k -> new LinkedHashMap<>()).put(p.period(), p.value());
            }
        }
        totals.forEach((metric, total) -> {
            boolean hasTotal = !total.isEmpty();
            if (hasTotal) {
                row(metric, total, periods, null, w, style, out);
            }
            List<String> names = new java.util.ArrayList<>(groups.get(metric).keySet());
            if (names.remove("Other")) {
                names.add("Other");
            }
            names.forEach(g -> row("  " + metric + ": " + g, groups.get(metric).get(g), periods, hasTotal ? total : null, w, style,
                    out));
        });
    }

    /** One line: the label, then a cell per period (0 where {@code total}, when given, has a value and the row none). */
    private static void row(String label, Map<String, Double> values, List<String> periods, Map<String, Double> total, int w,
            Style style, PrintWriter out) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + style.keyWidth() + "s",
                Text.cut(style.printable() ? Text.printable(label) : label, style.keyWidth())));
        for (String p : periods) {
            Double x = values.get(p);
            String cell = x != null ? style.cell().apply(x) : total != null && total.containsKey(p) ? "0" : "";
            line.append(String.format(Locale.ROOT, "%" + w + "s", cell));
        }
        out.println(line);
    }

    /** {@code --list}: a line per metric, its name in a column of {@code width}, then its definition. Exit 0. */
    static <M> int definitions(PrintWriter out, int width, List<M> metrics, Function<M, String> label, Function<M, String> definition) {
        for (M m : metrics) {
            out.printf(Locale.ROOT, "%-" + width + "s %s%n", label.apply(m), definition.apply(m));
        }
        out.flush();
        return 0;
    }

    /**
     * {@code --by}: null, or one of {@code allowed}.
     *
     * @throws CommandLine.ParameterException naming the allowed values (usage error, exit 2)
     */
    static String by(CommandLine.Model.CommandSpec spec, String by, List<String> allowed) {
        if (by != null && !allowed.contains(by)) {
            String last = allowed.get(allowed.size() - 1);
            String list = allowed.size() == 1 ? last : String.join(", ", allowed.subList(0, allowed.size() - 1)) + " or " + last;
            throw new CommandLine.ParameterException(spec.commandLine(), "--by takes " + list + ", not '" + by + "'");
        }
        return by;
    }

    /** @throws CommandLine.ParameterException for a negative {@code --top} (usage error, exit 2) */
    static int top(CommandLine.Model.CommandSpec spec, int top) {
        if (top < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top must be 0 or more, not " + top);
        }
        return top;
    }

    /**
     * Checks that the options naming a release or modules come with the project file that declares them.
     *
     * @throws CommandLine.ParameterException for {@code --release} or a {@code --module} without a project (usage
     *                                        error, exit 2)
     */
    static void needsProject(CommandLine.Model.CommandSpec spec, Object project, String release, List<String> modules) {
        if (release != null && project == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--release needs --project");
        }
        if (!modules.isEmpty() && project == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--module needs --project (modules are declared there)");
        }
    }
}
