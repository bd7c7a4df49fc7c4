package dev.tributary.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.TributaryException;
import dev.tributary.metrics.Health;
import dev.tributary.metrics.MailMetrics;
import dev.tributary.metrics.MailScope;
import dev.tributary.metrics.Report;
import dev.tributary.metrics.ReportQuery;
import dev.tributary.metrics.Scope;
import dev.tributary.metrics.Summary;
import dev.tributary.metrics.SummaryQuery;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The self-contained HTML report: one file that opens offline in any browser, with the charting library,
 * styles and data inlined, and a Content-Security-Policy that lets only those exact inline scripts run (by
 * their SHA-256). Every figure comes from the metrics classes ({@link SummaryQuery}, {@link ReportQuery},
 * {@link Health}); this class only lays them out. Untrusted text (names, emails, organizations, warnings) is
 * escaped in markup and \\u-escaped in the embedded JSON.
 *
 * <p>Use: {@code HtmlReport.of(conn, title, scope, options).html()}. Stateless between calls; an instance
 * holds the figures of one scope and is immutable.
 */
public final class HtmlReport {
    /**
     * What to draw.
     *
     * @param top        rows of each table, and organizations named in the stacked charts (the rest: Other)
     * @param interval   period of the time series; null picks one from the scope's span
     * @param hideEmails show addresses as {@code …@domain}
     */
    public record Options(int top, Health.Interval interval, boolean hideEmails) {
        public Options {
            if (top < 1) {
                throw new TributaryException.InvalidInput("top must be 1 or more, not " + top);
            }
        }
    }

    private static final List<Health.Metric> SERIES = List.of(Health.Metric.contributors, Health.Metric.commits,
            Health.Metric.new_contributors, Health.Metric.organizations, Health.Metric.elephant_factor,
            Health.Metric.pony_factor, Health.Metric.retained_after_1, Health.Metric.retained_after_2,
            Health.Metric.retained_after_4);
    private static final int STACKED = 8;
    private static final List<String> DAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");

    private final String title;
    private final Summary summary;
    private final Report report;
    private final Health.Interval interval;
    private final List<Health.Point> series;
    private final Health.Times times;
    private final Options options;
    private final Html h;
    private final List<Health.Point> mail;

    private HtmlReport(String title, Summary summary, Report report, Health.Interval interval, List<Health.Point> series,
            Health.Times times, Options options, List<Health.Point> mail) {
        this.mail = mail;
        this.title = title;
        this.summary = summary;
        this.report = report;
        this.interval = interval;
        this.series = series;
        this.times = times;
        this.options = options;
        this.h = new Html(options.hideEmails());
    }

    /** Runs the metrics for the scope. @throws TributaryException.StoreFailure if a query fails */
    public static HtmlReport of(Connection conn, String title, Scope scope, Options options) {
        Summary summary = new SummaryQuery(conn).run(scope, options.top());
        Report report = new ReportQuery(conn).run(title, scope, options.top());
        Health.Interval interval = options.interval() != null ? options.interval() : interval(summary);
        Health health = new Health(conn);
        List<Health.Point> series = health.run(scope, SERIES, interval, true, STACKED);
        return new HtmlReport(title, summary, report, interval, series, health.times(scope), options, List.of());
    }

    private static final List<MailMetrics.Metric> MAIL = List.of(MailMetrics.Metric.messages, MailMetrics.Metric.threads,
            MailMetrics.Metric.posters, MailMetrics.Metric.new_posters, MailMetrics.Metric.time_to_first_response_median,
            MailMetrics.Metric.unanswered_threads);

    /** The report with a section on the mailing lists of {@code lists} (none: the git report alone). */
    public static HtmlReport of(Connection conn, String title, Scope scope, MailScope lists, Options options) {
        HtmlReport git = of(conn, title, scope, options);
        if (lists == null || lists.lists().isEmpty()) {
            return git;
        }
        MailMetrics m = new MailMetrics(conn);
        List<Health.Point> mail = new ArrayList<>(m.run(lists, MAIL, null, false, 0));
        mail.addAll(m.run(lists, MAIL, git.interval, false, 0));
        return new HtmlReport(title, git.summary, git.report, git.interval, git.series, git.times, options, mail);
    }

    /** A period that gives a readable number of points for the scope's span. */
    static Health.Interval interval(Summary s) {
        if (s.firstActivity() == null) {
            return Health.Interval.month;
        }
        long days = Duration.between(Instant.parse(s.firstActivity()), Instant.parse(s.lastActivity())).toDays();
        return days <= 180 ? Health.Interval.week : days <= 365 * 6 ? Health.Interval.month
                : days <= 365 * 25 ? Health.Interval.quarter : Health.Interval.year;
    }

    /** The page. */
    public String html() {
        String data = Html.json(dataJson());
        String css = resource("report.css");
        String app = resource("report.js");
        String echarts = resource("echarts/dist/echarts.min.js");
        String csp = "default-src 'none'; script-src " + hash(echarts) + " " + hash(app) + "; style-src " + hash(css)
                + "; img-src data:; base-uri 'none'; form-action 'none'";
        StringBuilder b = new StringBuilder(echarts.length() + 64_000);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(csp).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"tributary\">\n")
                .append("<title>").append(h.text(title)).append(" — Tributary report</title>\n")
                .append("<style>").append(css).append("</style>\n</head>\n<body>\n");
        b.append("<header><h1>").append(h.text(title)).append("</h1><p class=\"sub\">")
                .append(h.text(String.join(", ", summary.repositories()))).append(" · ")
                .append(h.text(day(summary.firstActivity()))).append(" to ").append(h.text(day(summary.lastActivity())))
                .append(" · series by ").append(interval.name())
                .append(summary.botsIncluded() ? " · bots counted as people" : " · bots left out of people figures")
                .append("</p></header>\n<main>\n");
        headline(b);
        chart(b, "contributors-by-org", "Contributors over time, by organization",
                "Individuals with at least one commit in each " + interval.name() + "; the top " + STACKED
                        + " organizations by commits over the scope, the rest as Other. A person who moved counts for each organization.");
        chart(b, "commits-by-org", "Commits over time, by organization", "Non-merge commits in each " + interval.name() + ".");
        chart(b, "org-share", "Organization share", "Of changesets, lines changed and developers, the top "
                + options.top() + " organizations of each table (Unknown and Independent shown as rows).");
        tables(b);
        chart(b, "new-returning", "Contributors, new contributors and organizations over time",
                "New: first commit in the scope's whole history falls in the " + interval.name()
                        + ". Organizations: those with commits in the " + interval.name() + ", Unknown and Independent not counted.");
        retention(b);
        chart(b, "factors", "Elephant and pony factor over time",
                "Elephant: fewest organizations making half of the commits of known organizations. Pony: fewest people making half of the commits.");
        chart(b, "heatmap", "When people work", "Non-merge commits by weekday and hour, in each author's own UTC offset.");
        mail(b);
        notes(b);
        b.append("</main>\n<footer>Generated by Tributary. Charts: Apache ECharts (Apache License 2.0), embedded.</footer>\n");
        b.append("<script type=\"application/json\" id=\"tributary-data\">").append(data).append("</script>\n");
        b.append("<script>").append(echarts).append("</script>\n");
        b.append("<script>").append(app).append("</script>\n</body>\n</html>\n");
        return b.toString();
    }

    private void headline(StringBuilder b) {
        b.append("<section id=\"headline\"><h2>Headline</h2><dl class=\"figures\">");
        figure(b, "commits", num(summary.commits()), "non-merge commits");
        figure(b, "contributors", num(summary.contributors()), "contributors");
        figure(b, "organizations", num(summary.organizations()), "organizations");
        figure(b, "lines", "+" + num(summary.linesAdded()) + " −" + num(summary.linesRemoved()), "lines");
        figure(b, "elephant", Integer.toString(summary.elephantFactor()), "elephant factor");
        figure(b, "pony", Integer.toString(summary.ponyFactor()), "pony factor");
        figure(b, "unknown", pct(summary.unknownShare()), "commits of Unknown organization");
        figure(b, "bots", num(summary.botCommits()), "bot commits (" + pct(summary.botShare()) + ")");
        b.append("</dl></section>\n");
    }

    private void figure(StringBuilder b, String id, String value, String label) {
        b.append("<div class=\"figure\" id=\"fig-").append(id).append("\"><dt>").append(h.text(label)).append("</dt><dd>")
                .append(h.text(value)).append("</dd></div>");
    }

    private void chart(StringBuilder b, String id, String heading, String note) {
        b.append("<section class=\"chart-section\"><h2>").append(h.text(heading)).append("</h2><p class=\"note\">")
                .append(h.text(note)).append("</p><div class=\"chart\" id=\"chart-").append(id).append("\" data-chart=\"")
                .append(id).append("\"></div></section>\n");
    }

    private void tables(StringBuilder b) {
        b.append("<section><h2>Top people</h2><p class=\"note\">Click a column heading to sort. These rows: ")
                .append(pct(report.coverage().developersByChangesets())).append(" of the changesets.</p>");
        List<List<Cell>> rows = new ArrayList<>();
        for (Report.Developer d : report.byDeveloper()) {
            rows.add(List.of(Cell.text(d.name()), Cell.text(h.email(d.email())), Cell.text(d.organization()), Cell.num(d.changesets()),
                    Cell.num(d.linesAdded()), Cell.num(d.linesRemoved()), Cell.share(d.share())));
        }
        table(b, "top-people", List.of("name", "email", "organization", "changesets", "added", "removed", "share"), rows);
        b.append("</section>\n<section><h2>Top organizations</h2><p class=\"note\">These rows: ")
                .append(pct(report.coverage().organizationsByChangesets())).append(" of the changesets.</p>");
        rows = new ArrayList<>();
        for (Report.Organization o : report.byOrganization()) {
            rows.add(List.of(Cell.text(o.name()), Cell.num(o.changesets()), Cell.num(o.developers()), Cell.num(o.linesAdded()),
                    Cell.num(o.linesRemoved()), Cell.share(o.share())));
        }
        table(b, "top-organizations", List.of("organization", "changesets", "developers", "added", "removed", "share"), rows);
        b.append("</section>\n");
    }

    private record Cell(String text, String sortKey, boolean numeric) {
        static Cell text(String s) {
            return new Cell(s == null ? "" : s, null, false);
        }

        static Cell num(long n) {
            return new Cell(HtmlReport.num(n), Long.toString(n), true);
        }

        static Cell share(double v) {
            return new Cell(pct(v), String.format(Locale.ROOT, "%.6f", v), true);
        }
    }

    private void table(StringBuilder b, String id, List<String> columns, List<List<Cell>> rows) {
        b.append("<table class=\"sortable\" id=\"").append(id).append("\"><thead><tr>");
        for (String c : columns) {
            b.append("<th scope=\"col\" tabindex=\"0\">").append(h.text(c)).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (List<Cell> row : rows) {
            b.append("<tr>");
            for (Cell c : row) {
                b.append(c.numeric() ? "<td class=\"n\" data-v=\"" + c.sortKey() + "\">" : "<td>").append(h.text(c.text())).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table>");
    }

    private void retention(StringBuilder b) {
        b.append("<section><h2>Cohort retention</h2><p class=\"note\">Of each ").append(interval.name())
                .append("'s new contributors, how many have commits 1, 2 and 4 ").append(interval.name())
                .append("s later (blank: that ").append(interval.name()).append(" is past the window).</p>");
        Map<String, Map<String, Double>> byPeriod = new LinkedHashMap<>();
        for (Health.Point p : series) {
            if (p.group().equals("all")) {
                byPeriod.computeIfAbsent(p.period(), k -> new LinkedHashMap<>()).put(p.metric(), p.value());
            }
        }
        List<List<Cell>> rows = new ArrayList<>();
        for (var e : byPeriod.entrySet()) {
            Map<String, Double> v = e.getValue();
            if (v.getOrDefault("new-contributors", 0.0) == 0) {
                continue;
            }
            List<Cell> row = new ArrayList<>();
            row.add(Cell.text(e.getKey()));
            for (String m : List.of("new-contributors", "retained-after-1", "retained-after-2", "retained-after-4")) {
                row.add(v.containsKey(m) ? Cell.num(Math.round(v.get(m))) : Cell.text(""));
            }
            rows.add(row);
        }
        table(b, "retention", List.of(interval.name(), "new", "after 1", "after 2", "after 4"), rows);
        b.append("</section>\n");
    }

    private void notes(StringBuilder b) {
        b.append("<section id=\"notes\"><h2>Warnings and data quality</h2><ul>");
        b.append("<li>").append(pct(summary.unknownShare()))
                .append(" of the people's commits are of Unknown organization (no rule matched their address).</li>");
        b.append("<li>").append(num(report.unknownDevelopers())).append(" developers have changesets of Unknown organization.</li>");
        b.append("<li>").append(num(summary.bots())).append(" bot accounts made ").append(num(summary.botCommits()))
                .append(" commits").append(summary.botsIncluded() ? " (counted as people)." : " (left out of people figures).").append("</li>");
        b.append("<li>").append(num(summary.warningCount())).append(" collection warnings (skipped or unreadable objects)")
                .append(summary.warningCount() > 0 ? ":" : ".").append("</li>");
        b.append("</ul>");
        if (!summary.warnings().isEmpty()) {
            b.append("<ul class=\"warnings\">");
            for (String w : summary.warnings()) {
                b.append("<li><code>").append(h.text(w)).append("</code></li>");
            }
            if (summary.warningCount() > summary.warnings().size()) {
                b.append("<li>… and ").append(num(summary.warningCount() - summary.warnings().size())).append(" more</li>");
            }
            b.append("</ul>");
        }
        if (mail.isEmpty()) {
            b.append("<p class=\"note\">Mailing lists: none in this scope.</p>");
        }
        b.append("</section>\n");
    }

    /** Mailing-list activity and time to first response, over the window and per period (docs/mail.md). */
    private void mail(StringBuilder b) {
        if (mail.isEmpty()) {
            return;
        }
        Map<String, Map<String, Double>> byPeriod = new LinkedHashMap<>();
        for (Health.Point p : mail) {
            byPeriod.computeIfAbsent(p.period(), k -> new LinkedHashMap<>()).put(p.metric(), p.value());
        }
        Map<String, Double> all = byPeriod.getOrDefault("all", Map.of());
        b.append("<section id=\"mail\"><h2>Mailing lists</h2><dl class=\"figures\">");
        figure(b, "messages", num(all.getOrDefault("messages", 0.0).longValue()), "messages");
        figure(b, "threads", num(all.getOrDefault("threads", 0.0).longValue()), "threads");
        figure(b, "posters", num(all.getOrDefault("posters", 0.0).longValue()), "posters");
        figure(b, "ttfr", all.containsKey("time-to-first-response-median")
                ? String.format(Locale.ROOT, "%.1f h", all.get("time-to-first-response-median")) : "—", "median time to first response");
        figure(b, "unanswered", num(all.getOrDefault("unanswered-threads", 0.0).longValue()), "unanswered threads");
        b.append("</dl><p class=\"note\">Time to first response: from a thread's first message to the first reply by someone "
                + "else, bots excluded (CHAOSS). Per ").append(interval.name()).append(":</p>");
        List<List<Cell>> rows = new ArrayList<>();
        byPeriod.forEach((period, v) -> {
            if (period.equals("all")) {
                return;
            }
            Double ttfr = v.get("time-to-first-response-median");
            rows.add(List.of(Cell.text(period), Cell.num(v.getOrDefault("messages", 0.0).longValue()),
                    Cell.num(v.getOrDefault("threads", 0.0).longValue()), Cell.num(v.getOrDefault("posters", 0.0).longValue()),
                    Cell.num(v.getOrDefault("new-posters", 0.0).longValue()),
                    ttfr == null ? Cell.text("") : new Cell(String.format(Locale.ROOT, "%.1f", ttfr), String.format(Locale.ROOT, "%.6f", ttfr), true),
                    Cell.num(v.getOrDefault("unanswered-threads", 0.0).longValue())));
        });
        table(b, "mail-periods", List.of("period", "messages", "threads", "posters", "new posters", "median hours to first response",
                "unanswered threads"), rows);
        b.append("</section>\n");
    }

    /** The figures the charts draw, as JSON (names masked when asked; escaped by {@link Html#json}). */
    private String dataJson() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("interval", interval.name());
        List<Map<String, Object>> points = new ArrayList<>();
        for (Health.Point p : series) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("period", p.period());
            m.put("metric", p.metric());
            m.put("group", h.shown(p.group()));
            m.put("value", p.value());
            points.add(m);
        }
        d.put("series", points);
        d.put("weekdays", DAYS);
        d.put("weekdayHour", java.util.Arrays.copyOfRange(times.weekdayHour(), 1, 8));
        Map<String, Object> shares = new LinkedHashMap<>();
        shares.put("changesets", report.byOrganization().stream().map(o -> share(o.name(), o.changesets(), o.share())).toList());
        shares.put("linesChanged", report.byOrganizationLinesChanged().stream()
                .map(o -> share(o.name(), o.linesAdded() + o.linesRemoved(), o.share())).toList());
        shares.put("developers", report.byOrganizationDevelopers().stream().map(o -> share(o.name(), o.developers(), o.share())).toList());
        d.put("shares", shares);
        try {
            return MAPPER.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new TributaryException("cannot write the report's data: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> share(String name, long value, double share) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", h.shown(name));
        m.put("value", value);
        m.put("share", share);
        return m;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSP source for an inline script or style with exactly this text. */
    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String day(String instant) {
        return instant == null ? "—" : instant.substring(0, 10);
    }

    static String num(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}
