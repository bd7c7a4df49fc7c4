package dev.tributary.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.TributaryException;
import dev.tributary.metrics.Split;
import dev.tributary.metrics.Health;
import dev.tributary.metrics.Interval;
import dev.tributary.metrics.IssueMetrics;
import dev.tributary.metrics.IssueScope;
import dev.tributary.metrics.MailMetrics;
import dev.tributary.metrics.MailScope;
import dev.tributary.metrics.PatchMetrics;
import dev.tributary.metrics.Point;
import dev.tributary.metrics.Report;
import dev.tributary.metrics.ReportQuery;
import dev.tributary.model.Scope;
import dev.tributary.metrics.Summary;
import dev.tributary.metrics.SummaryQuery;
import dev.tributary.project.Project;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The self-contained HTML report: one file that opens offline in any browser, with the charting library,
 * styles and data inlined, and a Content-Security-Policy that lets only those exact inline scripts run (by
 * their SHA-256). Every figure comes from the metrics classes ({@link SummaryQuery}, {@link ReportQuery},
 * {@link Health}); this class only lays them out. Untrusted text (names, emails, organizations, warnings) is
 * escaped in markup by the jte templates (contextual escaping by default) and \\u-escaped in the embedded JSON;
 * addresses are masked unless {@link Options#showEmails()}.
 *
 * <p>The page is {@code report/page.jte} around a list of {@link Sections.Section sections}, each a typed
 * model and a small template; see {@link Sections} to add one.
 *
 * <p>Use: {@code HtmlReport.of(conn, title, scope, options).html()}. Stateless between calls; an instance
 * holds the figures of one scope and is immutable.
 */
public final class HtmlReport {
    /**
     * What to draw.
     *
     * @param top       rows of each table and bars of each share chart (the rest: Other); organizations named
     *                  in the stacked charts are at most {@value #STACKED}
     * @param interval  period of the time series; null picks one from the scope's span
     * @param showEmails show addresses in full; by default they are masked ({@code …@domain})
     * @param masthead  title, subtitle and logo; a null title takes the scope's title
     * @param dataAsOf  when the store was last written (null: not shown)
     * @param scopeText the exact scope, as the footer states it (null: the repositories and window)
     * @param releases  the project's releases in order, for the release-over-release trends (empty: none)
     * @param reviewContainers the review containers the project names (github/OWNER/REPO, ...; empty: every collected one)
     */
    public record Options(int top, Interval interval, boolean showEmails, Project.Masthead masthead, Instant dataAsOf,
            String scopeText, List<Release> releases, List<String> reviewContainers) {
        public Options {
            reviewContainers = reviewContainers == null ? List.of() : List.copyOf(reviewContainers);
            if (top < 1) {
                throw new TributaryException.InvalidInput("top must be 1 or more, not " + top);
            }
            masthead = masthead == null ? Project.Masthead.NONE : masthead;
            releases = releases == null ? List.of() : List.copyOf(releases);
        }

        public Options(int top, Interval interval, boolean showEmails) {
            this(top, interval, showEmails, null, null, null, List.of(), List.of());
        }
    }

    /** A release of the project and its scope, for the trends across releases. */
    public record Release(String name, Scope scope) {
    }

    private static final List<Health.Metric> SERIES = List.of(Health.Metric.contributors, Health.Metric.commits,
            Health.Metric.new_contributors, Health.Metric.organizations, Health.Metric.elephant_factor,
            Health.Metric.pony_factor, Health.Metric.retained_after_1, Health.Metric.retained_after_2,
            Health.Metric.retained_after_4);
    static final int STACKED = 8;
    private static final List<String> DAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

    private final String title;
    private final Summary summary;
    private final Report report;
    private final Interval interval;
    private final List<Point> series;
    private final Health.Times times;
    private final Options options;
    private final Html h;
    private final List<Point> mail;
    private final List<Point> patches;
    private final List<Point> issues;
    private final List<Report> trends;
    private final Axis axis;
    private final ReviewSection reviews;

    private HtmlReport(String title, Summary summary, Report report, Interval interval, List<Point> series,
            Health.Times times, Options options, List<Point> mail, List<Point> patches, List<Report> trends,
            ReviewSection reviews, List<Point> issues) {
        this.reviews = reviews;
        this.issues = issues;
        this.mail = mail;
        this.patches = patches;
        this.title = title;
        this.summary = summary;
        this.report = report;
        this.interval = interval;
        this.series = series;
        this.times = times;
        this.options = options;
        this.trends = trends;
        this.h = new Html(!options.showEmails());
        this.axis = Axis.of(series);
    }

    /** Runs the metrics for the scope. @throws TributaryException.StoreFailure if a query fails */
    public static HtmlReport of(Connection conn, String title, Scope scope, Options options) {
        Summary summary = new SummaryQuery(conn).run(scope, options.top());
        ReportQuery query = new ReportQuery(conn);
        Report report = query.run(title, scope, options.top());
        Interval interval = options.interval() != null ? options.interval() : interval(summary);
        Health health = new Health(conn);
        List<Point> series = health.run(scope, SERIES, interval, Split.organization, STACKED);
        if (options.interval() == null) {
            // the period is chosen for the span the axes show: a 2001 commit in a 2021 project, cut from the axes,
            // must not make them quarters
            Axis axis = Axis.of(series);
            if ((axis.before() > 0 || axis.after() > 0) && axis.from() != null) {
                Interval shown = interval(Duration.between(periodStart(axis.from()), periodStart(axis.to())).toDays());
                if (shown != interval) {
                    interval = shown;
                    series = health.run(scope, SERIES, interval, Split.organization, STACKED);
                }
            }
        }
        List<Report> trends = new ArrayList<>();
        for (Release r : options.releases()) {
            trends.add(query.run(r.name(), r.scope(), options.top()));
        }
        return new HtmlReport(title, summary, report, interval, series, health.times(scope), options, List.of(), List.of(), trends,
                ReviewSection.of(conn, scope, options.reviewContainers(), options.top()), issuePoints(conn, scope, interval));
    }

    private static final List<MailMetrics.Metric> MAIL = List.of(MailMetrics.Metric.messages, MailMetrics.Metric.threads,
            MailMetrics.Metric.posters, MailMetrics.Metric.new_posters, MailMetrics.Metric.time_to_first_response_median,
            MailMetrics.Metric.unanswered_threads);

    private static final List<PatchMetrics.Metric> PATCHES = List.of(PatchMetrics.Metric.patches, PatchMetrics.Metric.series,
            PatchMetrics.Metric.review_trailers, PatchMetrics.Metric.reviewers, PatchMetrics.Metric.time_to_first_response_median,
            PatchMetrics.Metric.time_to_first_review_median, PatchMetrics.Metric.unanswered_patches, PatchMetrics.Metric.series_accepted,
            PatchMetrics.Metric.time_to_land_median);
    private static final List<PatchMetrics.Metric> REVIEWS = List.of(PatchMetrics.Metric.review_trailers, PatchMetrics.Metric.reviewers);

    /** The report with a section on the mailing lists of {@code lists} (none: the git report alone). */
    public static HtmlReport of(Connection conn, String title, Scope scope, MailScope lists, Options options) {
        HtmlReport git = of(conn, title, scope, options);
        if (lists == null || lists.lists().isEmpty()) {
            return git;
        }
        MailMetrics m = new MailMetrics(conn);
        List<Point> mail = new ArrayList<>(m.run(lists, MAIL, null, false, 0));
        mail.addAll(m.run(lists, MAIL, git.interval, false, 0));
        PatchMetrics pm = new PatchMetrics(conn);
        List<Point> patches = new ArrayList<>(pm.run(lists, PATCHES, null, PatchMetrics.By.none, 0));
        if (patches.stream().anyMatch(p -> p.metric().equals("patches") && p.value() > 0)) {
            pm.run(lists, REVIEWS, null, PatchMetrics.By.organization, options.top()).stream().filter(p -> !p.group().equals("all"))
                    .map(p -> new Point("organization", p.metric(), p.group(), p.value())).forEach(patches::add);
            pm.run(lists, REVIEWS, null, PatchMetrics.By.person, options.top()).stream().filter(p -> !p.group().equals("all"))
                    .map(p -> new Point("person", p.metric(), p.group(), p.value())).forEach(patches::add);
        } else {
            patches.clear();
        }
        return new HtmlReport(title, git.summary, git.report, git.interval, git.series, git.times, options, mail, patches, git.trends, git.reviews,
                git.issues);
    }

    private static final List<IssueMetrics.Metric> ISSUES = List.of(IssueMetrics.Metric.issues_new, IssueMetrics.Metric.issues_closed,
            IssueMetrics.Metric.issue_backlog, IssueMetrics.Metric.issue_response_time_median,
            IssueMetrics.Metric.issue_resolution_duration_median, IssueMetrics.Metric.issues_unanswered,
            IssueMetrics.Metric.newcomer_issues, IssueMetrics.Metric.newcomer_issues_answered, IssueMetrics.Metric.issue_comments);

    /** The issue metrics of every stored tracker over the report's window, whole and per period (none: no trackers). */
    private static List<Point> issuePoints(Connection conn, Scope scope, Interval interval) {
        if (!new dev.tributary.store.read.Inventory(conn).hasIssues()) {
            return List.of();
        }
        IssueScope s = IssueScope.all().withWindow(scope.since(), scope.until());
        IssueMetrics m = new IssueMetrics(conn);
        List<Point> out = new ArrayList<>(m.run(s, ISSUES, null, IssueMetrics.Split.none, 0));
        out.addAll(m.run(s, ISSUES, interval, IssueMetrics.Split.none, 0));
        return out;
    }

    /** A period that gives a readable number of points for the scope's span. */
    static Interval interval(Summary s) {
        if (s.firstActivity() == null) {
            return Interval.month;
        }
        return interval(Duration.between(Instant.parse(s.firstActivity()), Instant.parse(s.lastActivity())).toDays());
    }

    /** A period that gives a readable number of points for a span of {@code days}. */
    static Interval interval(long days) {
        return days <= 180 ? Interval.week : days <= 365 * 6 ? Interval.month
                : days <= 365 * 25 ? Interval.quarter : Interval.year;
    }

    /** When a period of the series starts, from its label ({@code 2012-03-05}, {@code 2012-03}, {@code 2012-Q1}, {@code 2012}). */
    static Instant periodStart(String label) {
        java.time.LocalDate d;
        if (label.length() == 4) {
            d = java.time.LocalDate.of(Integer.parseInt(label), 1, 1);
        } else if (label.contains("-Q")) {
            d = java.time.LocalDate.of(Integer.parseInt(label.substring(0, 4)), (Integer.parseInt(label.substring(6)) - 1) * 3 + 1, 1);
        } else if (label.length() == 7) {
            d = java.time.LocalDate.parse(label + "-01");
        } else {
            d = java.time.LocalDate.parse(label);
        }
        return d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    }

    /**
     * The periods the charts' time axes show: the scope's periods, less a few isolated commits far before or
     * after the rest (a commit with a 2001 author date in a 2010 project would stretch every chart over
     * empty years). What is cut is named in the data-quality notes; every count still includes it.
     */
    record Axis(List<String> periods, String from, String to, long before, String firstBefore, long after, String lastAfter) {
        /** A run of empty periods at least this long, and this share of all periods, separates outliers. */
        static final int MIN_GAP = 4;
        /** Fewer commits than this: nothing is called an outlier. */
        static final int MIN_COMMITS = 20;

        static Axis of(List<Point> series) {
            List<String> periods = new ArrayList<>();
            Map<String, Double> commits = new LinkedHashMap<>();
            for (Point p : series) {
                if (!periods.contains(p.period())) {
                    periods.add(p.period());
                }
                if (p.metric().equals("commits") && p.group().equals("all")) {
                    commits.merge(p.period(), p.value(), Double::sum);
                }
            }
            double total = commits.values().stream().mapToDouble(Double::doubleValue).sum();
            int start = 0;
            int end = periods.size() - 1;
            long before = 0;
            long after = 0;
            String firstBefore = null;
            String lastAfter = null;
            // outliers: at most 1% of the commits (at least one), cut only from a history of some size, across an
            // empty run of at least a quarter of the periods; a small release keeps every period it has
            int gapNeeded = Math.max(MIN_GAP, periods.size() / 4);
            double few = Math.max(1, total * 0.01);
            if (total < MIN_COMMITS) {
                List<String> all = List.copyOf(periods);
                return new Axis(all, all.isEmpty() ? null : all.get(0), all.isEmpty() ? null : all.get(all.size() - 1), 0, null, 0, null);
            }
            // leading outliers: a little activity, then a long empty run, then the rest
            int i = first(periods, commits, 0, 1);
            if (i >= 0) {
                int next = first(periods, commits, i + 1, 1);
                double head = commits.getOrDefault(periods.get(i), 0.0);
                while (next >= 0 && next - i - 1 < gapNeeded && head <= few) {
                    i = next;
                    next = first(periods, commits, i + 1, 1);
                    head += commits.getOrDefault(periods.get(i), 0.0);
                }
                if (next >= 0 && next - i - 1 >= gapNeeded && head <= few) {
                    firstBefore = periods.get(first(periods, commits, 0, 1));
                    before = Math.round(head);
                    start = next;
                }
            }
            int j = first(periods, commits, periods.size() - 1, -1);
            if (j >= 0 && j > start) {
                int prev = first(periods, commits, j - 1, -1);
                double tail = commits.getOrDefault(periods.get(j), 0.0);
                while (prev > start && j - prev - 1 < gapNeeded && tail <= few) {
                    j = prev;
                    prev = first(periods, commits, j - 1, -1);
                    tail += commits.getOrDefault(periods.get(j), 0.0);
                }
                if (prev >= start && j - prev - 1 >= gapNeeded && tail <= few) {
                    lastAfter = periods.get(first(periods, commits, periods.size() - 1, -1));
                    after = Math.round(tail);
                    end = prev;
                }
            }
            List<String> shown = periods.isEmpty() ? List.of() : List.copyOf(periods.subList(start, end + 1));
            return new Axis(shown, shown.isEmpty() ? null : shown.get(0), shown.isEmpty() ? null : shown.get(shown.size() - 1),
                    before, firstBefore, after, lastAfter);
        }

        /** The first period from {@code i} in direction {@code step} with commits, or -1. */
        private static int first(List<String> periods, Map<String, Double> commits, int i, int step) {
            for (; i >= 0 && i < periods.size(); i += step) {
                if (commits.getOrDefault(periods.get(i), 0.0) > 0) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** The page. */
    public String html() {
        String data = Html.json(dataJson());
        String css = resource("report.css");
        String app = resource("report.js");
        String echarts = resource("echarts/dist/echarts.min.js");
        String csp = "default-src 'none'; script-src " + hash(echarts) + " " + hash(app) + "; style-src " + hash(css)
                + "; img-src data:; base-uri 'none'; form-action 'none'";
        Project.Masthead m = options.masthead();
        String shownTitle = h.shown(m.title() != null && !m.title().isBlank() ? m.title() : title);
        String scopeLine = h.shown(String.join(", ", report.repositories())) + " · " + day(summary.firstActivity()) + " to "
                + day(summary.lastActivity()) + " · series by " + interval.name()
                + (report.botsIncluded() ? " · bots counted as people" : " · bots left out of every figure");
        List<String> footer = new ArrayList<>();
        footer.add("Generated " + DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                + " by Tributary " + Version.get() + "."
                + (options.dataAsOf() == null ? "" : " Data as of " + DateTimeFormatter.ISO_INSTANT.format(
                        options.dataAsOf().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)) + " (the store's last write)."));
        footer.add("Scope: " + h.shown(options.scopeText() != null ? options.scopeText() : title) + "; commits authored "
                + day(summary.firstActivity()) + " to " + day(summary.lastActivity()) + "; "
                + (report.botsIncluded() ? "bots included" : "bots excluded") + "; merges excluded"
                + (options.showEmails() ? "; addresses shown." : "; addresses masked (--show-emails to show them)."));
        footer.add("Charts: Apache ECharts (Apache License 2.0), embedded; the page needs no network.");
        Sections.Page page = new Sections.Page(shownTitle, m.subtitle() == null ? null : h.shown(m.subtitle()), logo(m.logo()),
                scopeLine, footer, csp, css, data, echarts, app);
        List<gg.jte.Content> rendered = new ArrayList<>();
        for (Sections.Section section : sections()) {
            rendered.add(out -> TEMPLATES.render(section.template(), Map.of("s", section), out));
        }
        StringOutput out = new StringOutput(echarts.length() + 64_000);
        TEMPLATES.render("report/page.jte", Map.of("page", page, "sections", rendered), out);
        return out.toString();
    }

    /** The sections of the page, in order. */
    private List<Sections.Section> sections() {
        List<Sections.Section> s = new ArrayList<>();
        s.add(headline());
        boolean any = report.changesets() > 0;
        String none = any ? null : "No changesets in this scope.";
        s.add(new Sections.Chart("contributors-by-org", "Contributors over time, by organization",
                "Individuals with at least one commit in each " + interval.name() + "; the top " + STACKED
                        + " organizations by commits over the scope, the rest as Other. A person who moved counts for each organization.", none));
        s.add(new Sections.Chart("commits-by-org", "Commits over time, by organization", "Non-merge commits in each " + interval.name() + ".", none));
        s.add(new Sections.Chart("org-share", "Organization share", "Of changesets, lines changed and developers: the top "
                + options.top() + " organizations of each, the rest as Other (Unknown and Independent shown as bars).", none));
        if (!trends.isEmpty()) {
            s.add(new Sections.Chart("release-trends", "Organizations release over release",
                    "Each release's share of changesets by organization (the project file's releases, in order); the organizations "
                            + "that lead any release are named, the rest as Other.", trends.stream().allMatch(r -> r.changesets() == 0)
                            ? "No changesets in any release." : null));
        }
        s.addAll(tables());
        s.add(new Sections.Chart("new-returning", "Contributors, new contributors and organizations over time",
                "New: first commit in the scope's whole history falls in the " + interval.name()
                        + ". Organizations: those with commits in the " + interval.name() + ", Unknown and Independent not counted.", none));
        s.add(retention());
        s.add(new Sections.Chart("factors", "Elephant and pony factor over time",
                "Elephant: fewest organizations making half of the commits of known organizations. Pony: fewest people making half of the commits.", none));
        s.add(new Sections.Chart("heatmap", "When people work", "Non-merge commits by weekday and hour, in each author's own UTC offset.", none));
        s.addAll(mailSections());
        s.addAll(patchSections());
        if (reviews != null) {
            s.addAll(reviews.sections(h::shown));
        }
        s.addAll(issueSections());
        s.add(notes());
        return s;
    }

    /** The headline: the release table's own figures (same definitions as the tables below), then the factors. */
    private Sections.Figures headline() {
        List<Sections.Figure> f = new ArrayList<>();
        f.add(new Sections.Figure("commits", num(report.changesets()), "changesets"));
        f.add(new Sections.Figure("contributors", num(report.developers()), "developers"));
        f.add(new Sections.Figure("organizations", num(report.organizations()), "organizations"));
        f.add(new Sections.Figure("lines", "+" + num(report.linesAdded()) + " −" + num(report.linesRemoved()), "lines"));
        f.add(new Sections.Figure("elephant", Integer.toString(summary.elephantFactor()), "elephant factor"));
        f.add(new Sections.Figure("pony", Integer.toString(summary.ponyFactor()), "pony factor"));
        f.add(new Sections.Figure("unknown", num(report.unknownDevelopers()), "developers of Unknown organization"));
        f.add(new Sections.Figure("bots", num(report.botChangesets()), report.botsIncluded() ? "bot changesets (counted)"
                : "bot changesets (left out)"));
        // built above as (id, value, label) for reading; the record is (id, label, value)
        return new Sections.Figures("headline", "Headline", f.stream().map(x -> new Sections.Figure(x.id(), x.value(), x.label())).toList(),
                "Changesets are non-merge commits; developers are individuals; organizations leave Unknown and Independent out"
                        + (report.botsIncluded() ? "." : "; bots are left out of every figure on this page but the count of their changesets."));
    }

    private List<Sections.Section> tables() {
        List<List<Sections.Cell>> rows = new ArrayList<>();
        for (Report.Developer d : report.byDeveloper()) {
            rows.add(List.of(Sections.Cell.text(h.shown(d.name())), Sections.Cell.text(h.email(d.email())),
                    Sections.Cell.text(h.shown(d.organization())), Sections.Cell.num(d.changesets()),
                    Sections.Cell.num(d.linesAdded()), Sections.Cell.num(d.linesRemoved()), Sections.Cell.share(d.share())));
        }
        Sections.Table people = new Sections.Table("top-people", "Top people", "Click a column heading to sort. These rows: "
                + pct(report.coverage().developersByChangesets()) + " of the changesets.",
                List.of("name", "email", "organization", "changesets", "added", "removed", "share"), rows, "No changesets in this scope.");
        rows = new ArrayList<>();
        for (Report.Organization o : report.byOrganization()) {
            rows.add(List.of(Sections.Cell.text(h.shown(o.name())), Sections.Cell.num(o.changesets()), Sections.Cell.num(o.developers()),
                    Sections.Cell.num(o.linesAdded()), Sections.Cell.num(o.linesRemoved()), Sections.Cell.share(o.share())));
        }
        Sections.Table orgs = new Sections.Table("top-organizations", "Top organizations", "These rows: "
                + pct(report.coverage().organizationsByChangesets()) + " of the changesets.",
                List.of("organization", "changesets", "developers", "added", "removed", "share"), rows, "No changesets in this scope.");
        return List.of(people, orgs);
    }

    private Sections.Table retention() {
        Map<String, Map<String, Double>> byPeriod = byPeriod(series.stream().filter(p -> p.group().equals("all")).toList());
        List<List<Sections.Cell>> rows = new ArrayList<>();
        for (var e : byPeriod.entrySet()) {
            Map<String, Double> v = e.getValue();
            if (v.getOrDefault("new-contributors", 0.0) == 0) {
                continue;
            }
            List<Sections.Cell> row = new ArrayList<>();
            row.add(Sections.Cell.text(e.getKey()));
            for (String m : List.of("new-contributors", "retained-after-1", "retained-after-2", "retained-after-4")) {
                row.add(v.containsKey(m) ? Sections.Cell.num(Math.round(v.get(m))) : Sections.Cell.text(""));
            }
            rows.add(row);
        }
        return new Sections.Table("retention", "Cohort retention", "Of each " + interval.name()
                + "'s new contributors, how many have commits 1, 2 and 4 " + interval.name() + "s later (blank: that "
                + interval.name() + " is past the window).", List.of(interval.name(), "new", "after 1", "after 2", "after 4"), rows,
                "No new contributors in this scope.");
    }

    private Sections.Notes notes() {
        List<String> items = new ArrayList<>();
        items.add(num(report.unknownDevelopers()) + " developers have changesets of Unknown organization (no rule matched "
                + "their address); " + pct(summary.unknownShare()) + " of the people's commits.");
        items.add(num(summary.bots()) + " bot accounts made " + num(report.botChangesets()) + " changesets"
                + (report.botsIncluded() ? " (counted as people)." : " (left out of every figure)."));
        if (axis.before() > 0) {
            items.add(num(axis.before()) + " commit" + (axis.before() == 1 ? "" : "s") + " dated from " + axis.firstBefore()
                    + " lie far before the rest: the charts' time axes start at " + axis.from() + "; every count includes "
                    + (axis.before() == 1 ? "it" : "them") + ". A wrong author clock is the usual cause.");
        }
        if (axis.after() > 0) {
            items.add(num(axis.after()) + " commit" + (axis.after() == 1 ? "" : "s") + " dated up to " + axis.lastAfter()
                    + " lie far after the rest: the charts' time axes end at " + axis.to() + "; every count includes "
                    + (axis.after() == 1 ? "it" : "them") + ".");
        }
        items.add(num(summary.warningCount()) + " collection warnings (skipped or unreadable objects)" + (summary.warningCount() > 0 ? ":" : "."));
        if (mail.isEmpty()) {
            items.add("Mailing lists: none in this scope.");
        }
        return new Sections.Notes(items, summary.warnings().stream().map(h::shown).toList(),
                Math.max(0, summary.warningCount() - summary.warnings().size()));
    }

    /** The points' values by period ("all" for the whole window), then by metric, in the order given. */
    private static Map<String, Map<String, Double>> byPeriod(List<Point> points) {
        Map<String, Map<String, Double>> byPeriod = new LinkedHashMap<>();
        for (Point p : points) {
            byPeriod.computeIfAbsent(p.period(), k -> new LinkedHashMap<>()).put(p.metric(), p.value());
        }
        return byPeriod;
    }

    /** Mailing-list activity and time to first response, over the window and per period (docs/mail.md). */
    private List<Sections.Section> mailSections() {
        if (mail.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, Double>> byPeriod = byPeriod(mail);
        Map<String, Double> all = byPeriod.getOrDefault("all", Map.of());
        List<Sections.Figure> f = List.of(
                new Sections.Figure("messages", "messages", count(all, "messages")),
                new Sections.Figure("threads", "threads", count(all, "threads")),
                new Sections.Figure("posters", "posters", count(all, "posters")),
                new Sections.Figure("ttfr", "median time to first response", duration(all, "time-to-first-response-median", "%.1f h")),
                new Sections.Figure("unanswered", "unanswered threads", count(all, "unanswered-threads")));
        Sections.Figures figures = new Sections.Figures("mail", "Mailing lists", f, "Time to first response: from a thread's "
                + "first message to the first reply by someone else, bots excluded (CHAOSS).");
        Sections.Table table = periodTable("mail-periods", "Mailing lists", byPeriod, List.of("messages", "threads", "posters",
                "new posters", "median hours to first response", "unanswered threads"), v -> List.of(countCell(v, "messages"),
                countCell(v, "threads"), countCell(v, "posters"), countCell(v, "new-posters"),
                decimal(v.get("time-to-first-response-median")), countCell(v, "unanswered-threads")), "No messages in this scope.");
        return List.of(figures, table);
    }

    /** Patch review on the lists: patches, reviews and their people, over the window (docs/mail.md, "Patches and reviews"). */
    private List<Sections.Section> patchSections() {
        if (patches.isEmpty()) {
            return List.of();
        }
        Map<String, Double> all = new LinkedHashMap<>();
        Map<String, Map<String, Double>> byOrg = new LinkedHashMap<>();
        Map<String, Map<String, Double>> byPerson = new LinkedHashMap<>();
        for (Point p : patches) {
            if (p.group().equals("all")) {
                all.put(p.metric(), p.value());
            } else {
                (p.period().equals("organization") ? byOrg : byPerson).computeIfAbsent(p.group(), k -> new LinkedHashMap<>())
                        .put(p.metric(), p.value());
            }
        }
        List<Sections.Figure> f = List.of(
                new Sections.Figure("patches", "patches", count(all, "patches")),
                new Sections.Figure("series", "series", count(all, "series")),
                new Sections.Figure("review-trailers", "review trailers", count(all, "review-trailers")),
                new Sections.Figure("reviewers", "reviewers", count(all, "reviewers")),
                new Sections.Figure("patch-ttfr", "median time to first response", duration(all, "time-to-first-response-median", "%.1f h")),
                new Sections.Figure("patch-ttfv", "median time to first review", duration(all, "time-to-first-review-median", "%.1f h")),
                new Sections.Figure("unanswered-patches", "patches with no reply", count(all, "unanswered-patches")),
                new Sections.Figure("series-accepted", "series accepted", count(all, "series-accepted")),
                new Sections.Figure("time-to-land", "median time to land", duration(all, "time-to-land-median", "%.1f h")));
        Sections.Figures figures = new Sections.Figures("patch-review", "Patch review", f, "Patches, series and review trailers "
                + "(Reviewed-by, Acked-by, Tested-by, NAKs) given in replies, bots excluded; a series is accepted when one of its "
                + "patches is linked to a commit (by Link: trailer, git notes, patch-id or author and subject).");
        List<Sections.Section> out = new ArrayList<>(List.of(figures));
        for (var e : List.of(Map.entry("organization", byOrg), Map.entry("person", byPerson))) {
            List<List<Sections.Cell>> rows = new ArrayList<>();
            boolean person = e.getKey().equals("person");
            e.getValue().forEach((g, v) -> rows.add(person
                    ? List.of(Sections.Cell.text(h.shown(g)), countCell(v, "review-trailers"))
                    : List.of(Sections.Cell.text(h.shown(g)), countCell(v, "review-trailers"), countCell(v, "reviewers"))));
            out.add(new Sections.Table("reviewers-" + e.getKey(), "Reviews by " + e.getKey(), "Review trailers given in replies to "
                    + "patches, by the " + e.getKey() + " of the reply's sender at its date (top " + options.top() + ", the rest as Other).",
                    person ? List.of("person", "review trailers") : List.of("organization", "review trailers", "reviewers"), rows,
                    "No review trailers in this scope."));
        }
        return out;
    }

    /** Issue trackers: reported, closed, backlog, response and resolution times, newcomers (docs/issues.md). */
    private List<Sections.Section> issueSections() {
        if (issues.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, Double>> byPeriod = byPeriod(issues);
        Map<String, Double> all = byPeriod.getOrDefault("all", Map.of());
        List<Sections.Figure> f = List.of(
                new Sections.Figure("issues-new", "issues reported", count(all, "issues-new")),
                new Sections.Figure("issues-closed", "issues closed", count(all, "issues-closed")),
                new Sections.Figure("issue-backlog", "open at the end", count(all, "issue-backlog")),
                new Sections.Figure("issue-response", "median time to first response", duration(all, "issue-response-time-median", "%.1f h")),
                new Sections.Figure("issue-resolution", "median resolution duration", duration(all, "issue-resolution-duration-median", "%.1f d")),
                new Sections.Figure("newcomer-issues", "newcomers' issues answered", count(all, "newcomer-issues-answered")
                        + " of " + count(all, "newcomer-issues")));
        Sections.Figures figures = new Sections.Figures("issues", "Issue trackers", f, "Pull requests left out. A response is the first "
                + "comment by someone other than the reporter, bots excluded; resolution runs from report to close (CHAOSS; docs/issues.md).");
        Sections.Table table = periodTable("issue-periods", "Issues", byPeriod, List.of("reported", "closed", "open at end",
                "median hours to first response", "median days to close", "unanswered", "comments"), v -> List.of(
                countCell(v, "issues-new"), countCell(v, "issues-closed"), countCell(v, "issue-backlog"),
                decimal(v.get("issue-response-time-median")), decimal(v.get("issue-resolution-duration-median")),
                countCell(v, "issues-unanswered"), countCell(v, "issue-comments")), "No issues in this scope.");
        return List.of(figures, table);
    }

    /**
     * A table of a source's values per period, {@code subject} per the report's interval: a row for each period of
     * {@code byPeriod} but the whole window ("all"), in its order, the period first and then the cells {@code row}
     * makes of that period's values, under the headings "period" and {@code columns}.
     */
    private Sections.Table periodTable(String id, String subject, Map<String, Map<String, Double>> byPeriod, List<String> columns,
            Function<Map<String, Double>, List<Sections.Cell>> row, String empty) {
        List<List<Sections.Cell>> rows = new ArrayList<>();
        byPeriod.forEach((period, values) -> {
            if (!period.equals("all")) {
                List<Sections.Cell> cells = new ArrayList<>();
                cells.add(Sections.Cell.text(period));
                cells.addAll(row.apply(values));
                rows.add(cells);
            }
        });
        List<String> headings = new ArrayList<>();
        headings.add("period");
        headings.addAll(columns);
        return new Sections.Table(id, subject + " per " + interval.name(), null, headings, rows, empty);
    }

    /** A figure's text for a count: the metric's value as a whole number, 0 when it has none. */
    private static String count(Map<String, Double> values, String metric) {
        return num(values.getOrDefault(metric, 0.0).longValue());
    }

    /** A table cell for a count: the metric's value as a whole number, 0 when it has none. */
    private static Sections.Cell countCell(Map<String, Double> values, String metric) {
        return Sections.Cell.num(values.getOrDefault(metric, 0.0).longValue());
    }

    /** A figure's text for a duration: the metric's value in {@code format} ({@code "%.1f h"}), or a dash when it has none. */
    private static String duration(Map<String, Double> values, String metric, String format) {
        return Sections.Figure.shown(values.get(metric), format);
    }

    private static Sections.Cell decimal(Double v) {
        return v == null ? Sections.Cell.text("") : new Sections.Cell(String.format(Locale.ROOT, "%.1f", v), String.format(Locale.ROOT, "%.6f", v));
    }

    /** The logo inlined as a data: URI (the page stays one file), or null. */
    private static String logo(java.nio.file.Path file) {
        if (file == null) {
            return null;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String type = name.endsWith(".png") ? "image/png" : name.endsWith(".svg") ? "image/svg+xml"
                : name.endsWith(".jpg") || name.endsWith(".jpeg") ? "image/jpeg" : name.endsWith(".gif") ? "image/gif"
                : name.endsWith(".webp") ? "image/webp" : null;
        if (type == null) {
            throw new TributaryException.InvalidInput(file + ": a logo must be .png, .svg, .jpg, .gif or .webp");
        }
        try {
            if (!java.nio.file.Files.isRegularFile(file) || java.nio.file.Files.size(file) > 512 * 1024) {
                throw new TributaryException.InvalidInput(file + ": a logo must be a regular file of at most 512 KB");
            }
            return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(java.nio.file.Files.readAllBytes(file));
        } catch (IOException e) {
            throw new TributaryException.InvalidInput(file + ": cannot read the logo: " + e.getMessage(), e);
        }
    }

    /** The figures the charts draw, as JSON (names masked when asked; escaped by {@link Html#json}). */
    private String dataJson() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("interval", interval.name());
        java.util.Set<String> shownPeriods = new java.util.HashSet<>(axis.periods());
        d.put("periods", axis.periods());
        List<Map<String, Object>> points = new ArrayList<>();
        for (Point p : series) {
            if (!shownPeriods.contains(p.period())) {
                continue; // outliers, named in the notes
            }
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
        shares.put("changesets", bars(report.byOrganization().stream().map(o -> share(o.name(), o.changesets(), o.share())).toList()));
        shares.put("linesChanged", bars(report.byOrganizationLinesChanged().stream()
                .map(o -> share(o.name(), o.linesAdded() + o.linesRemoved(), o.share())).toList()));
        shares.put("developers", bars(report.byOrganizationDevelopers().stream().map(o -> share(o.name(), o.developers(), o.share())).toList()));
        d.put("shares", shares);
        if (reviews != null) {
            d.put("reviewMatrix", reviews.matrixJson(h::shown));
        }
        if (!trends.isEmpty()) {
            d.put("trends", trends());
        }
        d.put("colors", colors());
        try {
            return MAPPER.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new TributaryException("cannot write the report's data: " + e.getMessage(), e);
        }
    }

    /** The top rows of a share table and, when they do not cover it all, one Other bar for the rest. */
    private static List<Map<String, Object>> bars(List<Map<String, Object>> top) {
        double covered = top.stream().mapToDouble(m -> (Double) m.get("share")).sum();
        List<Map<String, Object>> out = new ArrayList<>(top);
        if (!top.isEmpty() && covered < 0.9995) {
            Map<String, Object> other = new LinkedHashMap<>();
            other.put("name", "Other");
            other.put("value", null); // the rest is a share; a person can count for several organizations
            other.put("share", Math.max(0, 1 - covered));
            out.add(other);
        }
        return out;
    }

    /** Per release (in the project file's order), each leading organization's share of changesets, and Other. */
    private Map<String, Object> trends() {
        java.util.LinkedHashSet<String> named = new java.util.LinkedHashSet<>();
        for (Report r : trends) {
            r.byOrganization().stream().limit(Math.min(STACKED, options.top())).forEach(o -> named.add(h.shown(o.name())));
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("releases", trends.stream().map(Report::title).toList());
        Map<String, List<Double>> byOrg = new LinkedHashMap<>();
        for (String o : named) {
            byOrg.put(o, new ArrayList<>());
        }
        List<Double> other = new ArrayList<>();
        for (Report r : trends) {
            double covered = 0;
            for (String o : named) {
                double share = r.byOrganization().stream().filter(x -> h.shown(x.name()).equals(o)).mapToDouble(Report.Organization::share).sum();
                byOrg.get(o).add(share);
                covered += share;
            }
            other.add(r.changesets() == 0 ? 0 : Math.max(0, 1 - covered));
        }
        if (other.stream().anyMatch(x -> x > 0.0005)) {
            byOrg.put("Other", other);
        }
        t.put("shares", byOrg);
        return t;
    }

    /**
     * One colour per organization, the same in every chart: organizations in order of changesets (then as the
     * stacked series and trends name them) take the palette's colours in turn; Unknown, Independent and Other
     * have fixed greys so they never look like a company.
     */
    private Map<String, String> colors() {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        report.byOrganization().forEach(o -> names.add(h.shown(o.name())));
        report.byOrganizationLinesChanged().forEach(o -> names.add(h.shown(o.name())));
        report.byOrganizationDevelopers().forEach(o -> names.add(h.shown(o.name())));
        trends.forEach(r -> r.byOrganization().forEach(o -> names.add(h.shown(o.name()))));
        for (Point p : series) {
            if (!p.group().equals("all")) {
                names.add(h.shown(p.group()));
            }
        }
        return Palette.assign(names);
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

    /** {@code 12,345}: figures as the page writes them. */
    public static String num(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 12.3%}. */
    public static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}
