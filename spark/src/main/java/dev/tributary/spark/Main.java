package dev.tributary.spark;

import dev.tributary.metrics.Ecosystem;
import dev.tributary.model.Dates;
import dev.tributary.project.RepositoryList;
import dev.tributary.source.git.RepositoryCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Entry point for spark-submit and for local mode ({@code spark/tributary-spark}):
 * <pre>
 *   collect --output DIR [--partitions N] [--cache DIR] (PATH|URL|--repositories FILE)...
 *   ecosystem DIR [--since DATE] [--until DATE] [--top N] [--group REPO=PROJECT]...
 *             [--project FILE [--release NAME] [--module NAME]]
 *   report DIR --project FILE --release NAME [--since DATE] [--until DATE] [--top N] [--include-bots]
 *   metrics DIR [NAME...] [--project FILE [--release NAME]] [--since DATE] [--until DATE] [--interval UNIT]
 *           [--by organization|person] [--top N] [--include-bots] [--merges]
 * </pre>
 * Without a master set by spark-submit ({@code spark.master}), runs embedded in local mode on every core
 * ({@code --master local[N]} chooses). Exit codes as the CLI's: 0, 2 usage, 3 bad input.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println("usage: collect --output DIR [--partitions N] [--cache DIR] [--master M] (PATH|URL|--repositories FILE)...\n"
                    + "       ecosystem DIR [--since DATE] [--until DATE] [--top N] [--group REPO=PROJECT]... [--master M]\n"
                    + "                 [--project FILE [--release NAME] [--module NAME]]\n"
                    + "       report DIR --project FILE [--in PROJECT] --release NAME [--since DATE] [--until DATE] [--top N] [--include-bots]\n"
                    + "              [--module NAME]... [--path GLOB]... [--master M]\n"
                    + "       metrics DIR [NAME...] [--project FILE [--in PROJECT] [--release NAME]] [--since DATE] [--until DATE] [--interval week|month|quarter|year]\n"
                    + "               [--by organization|person] [--top N] [--include-bots] [--merges] [--module NAME]... [--path GLOB]... [--master M]\n"
                    + "DIR is an export (tributary export --format parquet DIR, or collect's --output); report prints the JSON of\n"
                    + "tributary report --project FILE --release NAME --format json, metrics that of tributary metrics ... --format json\n"
                    + "(without --project: every repository of the export at HEAD).");
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        List<String> positional = new ArrayList<>();
        Map<String, String> groups = new LinkedHashMap<>();
        String output = null;
        String master = null;
        String cache = RepositoryCache.defaultRoot().toString();
        Long since = null;
        Long until = null;
        String sinceText = null;
        String untilText = null;
        String projectFile = null;
        String release = null;
        String in = null;
        List<String> modules = new ArrayList<>();
        List<String> pathGlobs = new ArrayList<>();
        boolean includeBots = false;
        boolean merges = false;
        dev.tributary.metrics.Interval interval = null;
        dev.tributary.metrics.Split split = dev.tributary.metrics.Split.none;
        Integer topGiven = null;
        int partitions = 0;
        try {
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--output" -> output = args[++i];
                    case "--master" -> master = args[++i];
                    case "--cache" -> cache = args[++i];
                    case "--since" -> since = Dates.parseOptional(sinceText = args[++i]);
                    case "--until" -> until = Dates.parseOptional(untilText = args[++i]);
                    case "--project" -> projectFile = args[++i];
                    case "--release" -> release = args[++i];
                    case "--in" -> in = args[++i];
                    case "--module" -> modules.add(args[++i]);
                    case "--path" -> pathGlobs.add(args[++i]);
                    case "--include-bots" -> includeBots = true;
                    case "--merges" -> merges = true;
                    case "--interval" -> interval = dev.tributary.metrics.Interval.valueOf(args[++i]);
                    case "--by" -> {
                        String by = args[++i];
                        if (!by.equals("organization") && !by.equals("person")) {
                            throw new IllegalArgumentException("--by wants organization or person, not '" + by + "'");
                        }
                        split = dev.tributary.metrics.Split.valueOf(by);
                    }
                    case "--top" -> {
                        topGiven = Integer.parseInt(args[++i]);
                        if (topGiven < 0) {
                            throw new IllegalArgumentException("--top must be 0 or more, not " + topGiven);
                        }
                    }
                    case "--partitions" -> partitions = Integer.parseInt(args[++i]);
                    case "--repositories" -> positional.addAll(RepositoryList.read(Path.of(args[++i])));
                    case "--group" -> {
                        String g = args[++i];
                        int eq = g.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("--group wants REPOSITORY=PROJECT, not '" + g + "'");
                        }
                        groups.put(g.substring(0, eq), g.substring(eq + 1));
                    }
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        positional.add(a);
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            System.err.println("tributary-spark: " + (e instanceof ArrayIndexOutOfBoundsException ? "an option lacks its value" : e.getMessage()));
            return 2;
        }
        int top = topGiven != null ? topGiven : command.equals("metrics") ? 10 : 20; // the CLI's defaults
        List<dev.tributary.metrics.Health.Metric> metrics = new ArrayList<>();
        if (command.equals("metrics")) {
            try {
                for (String name : positional.subList(Math.min(1, positional.size()), positional.size())) {
                    metrics.add(dev.tributary.metrics.Health.Metric.of(name));
                }
            } catch (dev.tributary.TributaryException e) {
                System.err.println("tributary-spark: " + e.getMessage());
                return 2;
            }
            if (metrics.isEmpty()) {
                metrics.addAll(dev.tributary.metrics.Health.all());
            }
            if (positional.isEmpty() || (release != null || !modules.isEmpty()) && projectFile == null) {
                System.err.println("tributary-spark: metrics needs one export folder (and --release and --module need --project)");
                return 2;
            }
            positional = List.of(positional.get(0));
        }
        SparkReport.Request request = null;
        if (command.equals("metrics") && projectFile != null) {
            try {
                dev.tributary.project.Project p = project(projectFile, in);
                dev.tributary.model.DateRange typed = dev.tributary.model.DateRange.parse("--since", sinceText, "--until", untilText);
                request = release != null ? SparkReport.release(p, release, typed, includeBots) : SparkReport.head(p.name(),
                        p.repositories().stream().map(dev.tributary.project.Project.Repository::name).toList(), typed, includeBots);
                request = filtered(request, p, modules, pathGlobs);
            } catch (dev.tributary.TributaryException e) {
                System.err.println("tributary-spark: " + e.getMessage());
                return 3;
            }
        }
        if (command.equals("report")) {
            if (projectFile == null || release == null || positional.size() != 1) {
                System.err.println("tributary-spark: report needs one export folder, --project FILE and --release NAME");
                return 2;
            }
            try {
                dev.tributary.project.Project p = project(projectFile, in);
                request = filtered(SparkReport.release(p, release,
                        dev.tributary.model.DateRange.parse("--since", sinceText, "--until", untilText), includeBots), p, modules, pathGlobs);
            } catch (dev.tributary.TributaryException e) {
                System.err.println("tributary-spark: " + e.getMessage());
                return 3;
            }
        }
        Ecosystem.Selection selection = Ecosystem.Selection.ALL;
        if (command.equals("ecosystem")) {
            if ((release != null || !modules.isEmpty()) && projectFile == null || modules.size() > 1 || in != null) {
                System.err.println("tributary-spark: ecosystem takes --release NAME and one --module NAME with --project FILE (no --in)");
                return 2;
            }
            if (projectFile != null) {
                try {
                    dev.tributary.project.Project p = dev.tributary.project.Project.load(Path.of(projectFile));
                    Map<String, String> named = new LinkedHashMap<>();
                    p.repositories().forEach(r -> named.put(r.name(), r.group()));
                    named.putAll(groups);
                    groups = named;
                    selection = Ecosystem.select(p, groups, release, modules.isEmpty() ? null : modules.get(0),
                            dev.tributary.model.DateRange.parse("--since", sinceText, "--until", untilText));
                } catch (dev.tributary.TributaryException e) {
                    System.err.println("tributary-spark: " + e.getMessage());
                    return 3;
                }
            }
        }
        if (in != null && projectFile == null) {
            System.err.println("tributary-spark: --in needs --project (an ecosystem file with projects:)");
            return 2;
        }
        SparkSession.Builder b = SparkSession.builder().appName("tributary " + command);
        if (master != null) {
            b.master(master);
        } else if (System.getProperty("spark.master") == null) {
            b.master("local[*]");
        }
        SparkSession spark = b.getOrCreate();
        try {
            spark.sparkContext().setLogLevel("WARN");
            switch (command) {
                case "collect" -> {
                    if (output == null || positional.isEmpty()) {
                        System.err.println("tributary-spark: collect needs --output DIR and repositories");
                        return 2;
                    }
                    int n = partitions > 0 ? partitions : Math.max(1, spark.sparkContext().defaultParallelism());
                    var results = SparkCollect.run(spark, positional, n, Path.of(output), cache);
                    int collected = results.stream().mapToInt(SparkCollect.TaskResult::collected).sum();
                    results.forEach(r -> r.failures().forEach(f -> System.err.println("tributary-spark: warning: skipped " + f)));
                    System.out.println("{\"collected\" : " + collected + ", \"failed\" : "
                            + results.stream().mapToInt(r -> r.failures().size()).sum() + "}");
                    return collected == 0 && !positional.isEmpty() ? 3 : 0;
                }
                case "ecosystem" -> {
                    if (positional.size() != 1) {
                        System.err.println("tributary-spark: ecosystem needs one export folder");
                        return 2;
                    }
                    try {
                        Ecosystem.View v = SparkEcosystem.compute(spark, Path.of(positional.get(0)), groups,
                                new Ecosystem.Window(since, until), selection, top);
                        System.out.println(Ecosystem.toJson(v));
                    } catch (dev.tributary.TributaryException e) {
                        System.err.println("tributary-spark: " + e.getMessage());
                        return 3;
                    }
                    return 0;
                }
                case "metrics" -> {
                    Path export = Path.of(positional.get(0));
                    try {
                        if (request == null) { // every repository of the export, at HEAD
                            spark.read().parquet(export.resolve("scopes").toString()).createOrReplaceTempView("eco_scopes");
                            List<String> all = spark.sql("SELECT DISTINCT repository FROM eco_scopes WHERE scope = 'HEAD'")
                                    .collectAsList().stream().map(r -> r.getString(0)).toList();
                            request = filtered(SparkReport.head("HEAD", all, dev.tributary.model.DateRange.parse("--since", sinceText,
                                    "--until", untilText), includeBots), null, modules, pathGlobs);
                        }
                        System.out.println(dev.tributary.metrics.Health.toJson(
                                SparkMetrics.compute(spark, export, request, merges, metrics, interval, split, top)));
                    } catch (dev.tributary.TributaryException e) {
                        System.err.println("tributary-spark: " + e.getMessage());
                        return 3;
                    }
                    return 0;
                }
                case "report" -> {
                    try {
                        Path export = Path.of(positional.get(0));
                        dev.tributary.metrics.Report report = SparkReport.compute(spark, export, request, top);
                        System.out.println(SparkReport.toJson(report, SparkReport.reviews(spark, export, request,
                                w -> System.err.println("tributary-spark: warning: " + w))));
                    } catch (dev.tributary.TributaryException e) {
                        System.err.println("tributary-spark: " + e.getMessage());
                        return 3;
                    }
                    return 0;
                }
                default -> {
                    System.err.println("tributary-spark: unknown command '" + command + "' (collect, ecosystem, report, metrics)");
                    return 2;
                }
            }
        } finally {
            spark.stop();
        }
    }

    /**
     * {@code request} over the files of {@code modules} (the project's) and {@code pathGlobs}, titled as the CLI's
     * {@code --module}/{@code --path} title it.
     *
     * @throws dev.tributary.TributaryException.InvalidInput for a module the project does not declare, or a bad glob
     */
    private static SparkReport.Request filtered(SparkReport.Request request, dev.tributary.project.Project p, List<String> modules,
            List<String> pathGlobs) {
        List<String> globs = new ArrayList<>(pathGlobs);
        modules.forEach(m -> globs.addAll(p.module(m)));
        return request.withPaths(globs, modules.isEmpty() ? pathGlobs : modules);
    }

    /** The project file, read as a whole or as its project {@code in} ({@code projects:}), as the CLI's {@code --in}. */
    private static dev.tributary.project.Project project(String file, String in) {
        dev.tributary.project.Project p = dev.tributary.project.Project.load(Path.of(file));
        return in == null ? p : p.select(in);
    }
}
