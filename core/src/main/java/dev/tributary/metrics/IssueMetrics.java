package dev.tributary.metrics;

import dev.tributary.TributaryException;
import dev.tributary.store.read.Activity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue-tracker metrics after CHAOSS (definitions in {@code docs/issues.md}), for an {@link IssueScope}, as one
 * value for the whole window or one per period. The issues of the scope are read once (one row each, with
 * their first response, last activity, closer and whether a newcomer reported them, computed in SQL), then
 * every metric and period is counted over those rows; so every metric costs about one read of the issue
 * tables.
 *
 * <p>Rules shared by every metric: a <em>response</em> is a comment, at or after the report, by an account
 * other than the reporter and not a bot; an issue is <em>closed</em> from its close time on (trackers that
 * reopen keep the last close); a <em>newcomer's issue</em> is an account's first issue on the tracker when it
 * had neither reported nor commented there before; the <em>closer</em> is who the tracker says closed it (GitHub
 * {@code closed_by}), else the actor of its last move into its present status; a closed issue without a close
 * time counts as closed from its last update, but has no resolution duration. Durations are in hours
 * (responses) and days (resolution, age); medians and the 90th percentile interpolate linearly between ranks.
 *
 * <p>Not thread-safe: one instance per connection and thread.
 */
public final class IssueMetrics {
    private static final long DAY = 86_400L;

    /** The metrics, with their one-line definitions. */
    public enum Metric {
        issues_new("issues reported in the period (CHAOSS: Issues New)"),
        issues_closed("issues closed in the period (CHAOSS: Issues Closed)"),
        issues_active("issues reported, commented on, changed or closed in the period (CHAOSS: Issues Active)"),
        issues_open("of the issues reported in the period, those open now (issues by state)"),
        issues_closed_now("of the issues reported in the period, those closed now (issues by state)"),
        issue_backlog("issues open at the end of the period (CHAOSS: Issue Backlog)"),
        issue_age_median("median age in days of the issues open at the end of the period (CHAOSS: Issue Age)"),
        issue_response_time_median("median hours from report to first response, issues reported in the period (CHAOSS: Issue Response Time)"),
        issue_response_time_p90("90th percentile of the same hours"),
        issues_responded("issues reported in the period that got a response"),
        issues_unanswered("issues reported in the period with no response yet"),
        issue_resolution_duration_median("median days from report to close, issues closed in the period (CHAOSS: Issue Resolution Duration)"),
        issue_resolution_duration_p90("90th percentile of the same days"),
        abandoned_issues("issues open at the end of the period with no activity in the days before it (365 unless told; CHAOSS: Abandoned Issues)"),
        issue_comments("comments made in the period on the scope's issues, bots included"),
        issue_commenters("accounts that commented in the period, bots excluded"),
        issue_reporters("accounts that reported issues in the period, bots excluded"),
        newcomer_issues("issues reported in the period that were their reporter's first activity on the tracker"),
        newcomer_issues_answered("of those, how many got a response"),
        newcomer_response_time_median("median hours to the first response of those"),
        issues_with_fix("issues reported in the period with a fix linked: a commit citing them (Fixes #N, Closes-Bug: N, BUG: N, KEY-N), a merged pull request saying it fixes them, or a close by a commit"),
        time_to_first_fix_median("median days from report to the first linked fix, issues reported in the period"),
        issues_released("issues reported in the period whose first fix commit is in one of the project's releases (with --project)"),
        time_to_release_median("median days from report to the release of the first fix commit: the first release in the project's list whose range or window holds it, dated by its newest commit (with --project)"),
        new_issue_closers("accounts whose first issue close on the tracker is in the period, bots excluded (CHAOSS: New Contributors Closing Issues)");

        private final String definition;

        Metric(String definition) {
            this.definition = definition;
        }

        public String definition() {
            return definition;
        }

        /** The name users type: dashes, not underscores. */
        public String label() {
            return name().replace('_', '-');
        }

        /** @throws TributaryException.InvalidInput naming the command that lists the metrics */
        public static Metric of(String label) {
            try {
                return valueOf(label.replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new TributaryException.InvalidInput("unknown issue metric '" + label + "'; 'tributary issues --list' lists them");
            }
        }
    }

    /** All metrics in definition order. */
    public static List<Metric> all() {
        return List.of(Metric.values());
    }

    /**
     * How {@link #run} groups: not at all, by a kind of issue label, or by organization: of the reporter (every
     * metric over the issues those people reported), or of the first responder (every metric over the issues
     * that organization answered first).
     */
    public enum Split { none, label, component, fix_version, reporter_organization, responder_organization }

    private final Connection conn;
    private final List<dev.tributary.store.read.IssueReleases.Release> releases;

    public IssueMetrics(Connection conn) {
        this(conn, null);
    }

    /**
     * With the project's releases, in its order, which date the fixes ({@link Metric#issues_released},
     * {@link Metric#time_to_release_median}); null: those two metrics have no value.
     */
    public IssueMetrics(Connection conn, List<dev.tributary.store.read.IssueReleases.Release> releases) {
        this.conn = conn;
        this.releases = releases == null ? null : List.copyOf(releases);
    }

    /** The issues of a scope, one element per issue, in parallel arrays. */
    static final class Facts {
        int size;
        String[] key;
        long[] created;
        long[] closed; // Long.MIN_VALUE while open
        boolean[] closeKnown; // false when the tracker gave no close time (the last update stands for it)
        long[] firstFix; // Long.MIN_VALUE without one
        long[] released; // the release date of the first fix commit, Long.MIN_VALUE without one; null without releases
        String[] responder; // first responder's login, or null
        String[] trackerOf;
        int[] reporter;
        boolean[] reporterBot;
        long[] firstResponse; // Long.MIN_VALUE without one
        boolean[] newcomer;
        int[] closer; // -1 without one
        long[][] activity; // sorted times: report, comments, events, close
        long[] commentAt;
        int[] commentAuthor; // -1 for a bot
        int[] commentIssue;
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        final Map<String, Integer> accounts = new HashMap<>();
        long[] closerFirst = new long[0]; // per account: first close on the tracker, or MIN

        int account(String tracker, String login) {
            return accounts.computeIfAbsent(tracker + "\u0000" + login, k -> accounts.size());
        }
    }

    /**
     * The metrics per period (or one value each for the whole window when {@code interval} is null); with a
     * split, also per group (the {@code top} groups with most issues).
     */
    public List<Point> run(IssueScope scope, List<Metric> metrics, Interval interval, Split split, int top) {
        Facts f = load(scope, split);
        List<Point> out = new ArrayList<>();
        if (f.size == 0) {
            return out;
        }
        long min = Arrays.stream(f.created, 0, f.size).min().orElse(0);
        long now = java.time.Instant.now().getEpochSecond();
        long start = scope.since() != null ? scope.since() : interval == null ? min : Interval.floor(min, interval);
        long end = scope.until() != null ? scope.until() : now + 1;
        List<long[]> periods = new ArrayList<>();
        if (interval == null) {
            periods.add(new long[] {start, end});
        } else {
            for (long p = Interval.floor(start, interval); p < end; p = Interval.next(p, interval)) {
                periods.add(new long[] {Math.max(p, start), Math.min(Interval.next(p, interval), end)});
            }
        }
        List<Map.Entry<String, int[]>> groups = new ArrayList<>();
        int[] everyone = new int[f.size];
        for (int i = 0; i < f.size; i++) {
            everyone[i] = i;
        }
        groups.add(Map.entry("all", everyone));
        if (split != Split.none) {
            f.groups.entrySet().stream().sorted((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size())).limit(top)
                    .forEach(e -> groups.add(Map.entry(e.getKey(), e.getValue().stream().mapToInt(Integer::intValue).toArray())));
        }
        for (long[] p : periods) {
            String label = Interval.label(interval == null ? p[0] : Interval.floor(p[0], interval), interval);
            for (Metric m : metrics) {
                for (Map.Entry<String, int[]> g : groups) {
                    Double v = value(f, m, g.getValue(), p[0], p[1], scope.abandonedDays(), split == Split.none || g.getKey().equals("all"));
                    if (v != null) {
                        out.add(new Point(label, m.label(), g.getKey(), v));
                    }
                }
            }
        }
        return out;
    }

    /** One metric over the issues {@code ids} in [from, to); null when it has no value (a median of nothing). */
    private static Double value(Facts f, Metric m, int[] ids, long from, long to, int abandonedDays, boolean whole) {
        long count = 0;
        List<Double> values = new ArrayList<>();
        java.util.Set<Integer> accounts = new java.util.HashSet<>();
        switch (m) {
            case issues_new, issues_open, issues_closed_now, issue_response_time_median, issue_response_time_p90,
                    issues_responded, issues_unanswered, newcomer_issues, newcomer_issues_answered, newcomer_response_time_median,
                    issue_reporters, issues_with_fix, time_to_first_fix_median, issues_released, time_to_release_median -> {
                if (f.released == null && (m == Metric.issues_released || m == Metric.time_to_release_median)) {
                    return null;
                }
                for (int i : ids) {
                    if (f.created[i] < from || f.created[i] >= to) {
                        continue;
                    }
                    boolean responded = f.firstResponse[i] != Long.MIN_VALUE;
                    boolean newcomer = f.newcomer[i];
                    switch (m) {
                        case issues_new -> count++;
                        case issues_open -> count += f.closed[i] == Long.MIN_VALUE ? 1 : 0;
                        case issues_closed_now -> count += f.closed[i] != Long.MIN_VALUE ? 1 : 0;
                        case issue_response_time_median, issue_response_time_p90 -> {
                            if (responded) {
                                values.add((f.firstResponse[i] - f.created[i]) / 3600.0);
                            }
                        }
                        case issues_responded -> count += responded ? 1 : 0;
                        case issues_unanswered -> count += responded ? 0 : 1;
                        case newcomer_issues -> count += newcomer ? 1 : 0;
                        case newcomer_issues_answered -> count += newcomer && responded ? 1 : 0;
                        case newcomer_response_time_median -> {
                            if (newcomer && responded) {
                                values.add((f.firstResponse[i] - f.created[i]) / 3600.0);
                            }
                        }
                        case issues_with_fix -> count += f.firstFix[i] != Long.MIN_VALUE && f.firstFix[i] >= f.created[i] ? 1 : 0;
                        case time_to_first_fix_median -> {
                            if (f.firstFix[i] != Long.MIN_VALUE && f.firstFix[i] >= f.created[i]) {
                                values.add((f.firstFix[i] - f.created[i]) / (double) DAY);
                            }
                        }
                        case issues_released -> count += f.released[i] != Long.MIN_VALUE ? 1 : 0;
                        case time_to_release_median -> {
                            if (f.released[i] != Long.MIN_VALUE) {
                                values.add((f.released[i] - f.created[i]) / (double) DAY);
                            }
                        }
                        case issue_reporters -> {
                            if (!f.reporterBot[i]) {
                                accounts.add(f.reporter[i]);
                            }
                        }
                        default -> throw new IllegalStateException(m.name());
                    }
                }
            }
            case issues_closed, issue_resolution_duration_median, issue_resolution_duration_p90 -> {
                for (int i : ids) {
                    long c = f.closed[i];
                    if (c == Long.MIN_VALUE || c < from || c >= to) {
                        continue;
                    }
                    count++;
                    if (c >= f.created[i] && f.closeKnown[i]) {
                        values.add((c - f.created[i]) / (double) DAY);
                    }
                }
            }
            case issue_backlog, issue_age_median, abandoned_issues -> {
                long quietSince = to - abandonedDays * DAY;
                for (int i : ids) {
                    if (f.created[i] >= to || (f.closed[i] != Long.MIN_VALUE && f.closed[i] < to)) {
                        continue;
                    }
                    count += m == Metric.abandoned_issues ? (lastBefore(f.activity[i], to) < quietSince ? 1 : 0) : 1;
                    values.add((to - f.created[i]) / (double) DAY);
                }
            }
            case issues_active -> {
                for (int i : ids) {
                    long[] a = f.activity[i];
                    int k = Arrays.binarySearch(a, from);
                    int at = k >= 0 ? k : -k - 1;
                    count += at < a.length && a[at] < to ? 1 : 0;
                }
            }
            case issue_comments, issue_commenters -> {
                java.util.BitSet in = null;
                if (!whole) {
                    in = new java.util.BitSet(f.size);
                    for (int i : ids) {
                        in.set(i);
                    }
                }
                for (int c = 0; c < f.commentAt.length; c++) {
                    if (f.commentAt[c] >= from && f.commentAt[c] < to && (in == null || in.get(f.commentIssue[c]))) {
                        count++;
                        if (f.commentAuthor[c] >= 0) {
                            accounts.add(f.commentAuthor[c]);
                        }
                    }
                }
                return (double) (m == Metric.issue_comments ? count : accounts.size());
            }
            case new_issue_closers -> {
                if (!whole) {
                    return null;
                }
                for (int a = 0; a < f.closerFirst.length; a++) {
                    if (f.closerFirst[a] != Long.MIN_VALUE && f.closerFirst[a] >= from && f.closerFirst[a] < to) {
                        count++;
                    }
                }
            }
        }
        return switch (m) {
            case issue_response_time_median, issue_resolution_duration_median, issue_age_median, newcomer_response_time_median,
                    time_to_first_fix_median, time_to_release_median ->
                    quantile(values, 0.5);
            case issue_response_time_p90, issue_resolution_duration_p90 -> quantile(values, 0.9);
            case issue_reporters -> (double) accounts.size();
            default -> (double) count;
        };
    }

    /** The last activity time before {@code to}, or MIN_VALUE. */
    private static long lastBefore(long[] sorted, long to) {
        int k = Arrays.binarySearch(sorted, to);
        int at = (k >= 0 ? k : -k - 1) - 1;
        while (at >= 0 && sorted[at] >= to) {
            at--;
        }
        return at < 0 ? Long.MIN_VALUE : sorted[at];
    }

    /** Linear interpolation between closest ranks (numpy's default, DuckDB's {@code quantile_cont}). */
    static Double quantile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return null;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (v[hi] - v[lo]) * (pos - lo);
    }

    /**
     * The scope's issues as SQL; only the filters the scope uses are written (an {@code ? IS NULL OR EXISTS}
     * would keep DuckDB from turning the label test into a join).
     */
    private static String selected(IssueScope scope) {
        StringBuilder b = new StringBuilder("SELECT i.* FROM issues i JOIN issue_trackers t ON t.id = i.tracker_id WHERE true");
        if (!scope.trackers().isEmpty()) {
            b.append(" AND list_contains(?::VARCHAR[], t.name)");
        }
        if (!scope.pulls()) {
            b.append(" AND NOT i.is_pull");
        }
        if (scope.label() != null) {
            b.append(" AND (i.tracker_id, i.key) IN (SELECT tracker_id, key FROM issue_labels WHERE name = ?)");
        }
        return b.toString();
    }

    /**
     * {@code cs}: per issue of {@code sel} with a response, its first response (the first comment by someone other
     * than the reporter, bots excluded, not before the report) and who gave it.
     */
    private static final String FIRST_RESPONSES = " cs AS (SELECT c.tracker_id, c.key,"
            + "   min(CASE WHEN c.author <> s.reporter AND NOT c.author_bot AND c.ts >= s.created THEN c.ts END) AS first_response,"
            + "   arg_min(CASE WHEN c.author <> s.reporter AND NOT c.author_bot AND c.ts >= s.created THEN c.author END,"
            + "     CASE WHEN c.author <> s.reporter AND NOT c.author_bot AND c.ts >= s.created THEN c.ts END) AS responder"
            + "   FROM issue_comments c JOIN sel s ON s.tracker_id = c.tracker_id AND s.key = c.key GROUP BY 1, 2),";

    private Facts load(IssueScope scope, Split split) {
        Facts f = new Facts();
        String sql = "WITH sel AS (" + selected(scope) + "),"
                + FIRST_RESPONSES
                + " seen AS (SELECT tracker_id, login, min(ts) AS first FROM (SELECT tracker_id, reporter AS login, created AS ts FROM issues"
                + "   UNION ALL SELECT tracker_id, author, ts FROM issue_comments) GROUP BY 1, 2),"
                + " firsts AS (SELECT tracker_id, reporter, min(key) AS key FROM (SELECT i.tracker_id, i.reporter, i.key FROM issues i"
                + "   JOIN seen ON seen.tracker_id = i.tracker_id AND seen.login = i.reporter WHERE i.created <= seen.first) GROUP BY 1, 2),"
                + " closers AS (SELECT e.tracker_id, e.key, arg_max(e.actor, e.ts) AS actor, arg_max(e.actor_bot, e.ts) AS bot FROM issue_events e"
                + "   JOIN sel s ON s.tracker_id = e.tracker_id AND s.key = e.key WHERE s.state = 'closed'"
                + "   AND (e.kind = 'closed' OR (e.kind = 'status' AND e.to_value = s.status)) GROUP BY 1, 2),"
                + " fixes AS (SELECT tracker_id, key, min(ts) AS ts FROM ("
                + "   SELECT tracker_id, key, ts FROM issue_commits"
                + "   UNION ALL SELECT r.tracker_id, r.target, p.closed FROM issue_refs r JOIN issues p ON p.tracker_id = r.tracker_id"
                + "     AND p.key = r.key WHERE p.resolution = 'merged' AND p.closed IS NOT NULL"
                + "   UNION ALL SELECT tracker_id, key, ts FROM issue_events WHERE kind = 'closed' AND commit_sha <> '')"
                + "   JOIN issues USING (tracker_id, key) WHERE ts >= created GROUP BY 1, 2)"
                + " SELECT t.name, s.key, s.created, CASE WHEN s.state = 'closed' THEN coalesce(s.closed, s.updated, s.created) END,"
                + " s.reporter, s.reporter_bot, cs.first_response, f.key IS NOT NULL AND NOT s.reporter_bot,"
                + " CASE WHEN s.state = 'closed' THEN CASE WHEN s.closed_by IS NOT NULL THEN (CASE WHEN s.closed_by_bot THEN NULL ELSE s.closed_by END)"
                + "   ELSE (CASE WHEN cl.bot THEN NULL ELSE cl.actor END) END END, s.closed IS NOT NULL, fx.ts, cs.responder"
                + " FROM sel s JOIN issue_trackers t ON t.id = s.tracker_id LEFT JOIN cs ON cs.tracker_id = s.tracker_id AND cs.key = s.key"
                + " LEFT JOIN firsts f ON f.tracker_id = s.tracker_id AND f.reporter = s.reporter AND f.key = s.key"
                + " LEFT JOIN closers cl ON cl.tracker_id = s.tracker_id AND cl.key = s.key"
                + " LEFT JOIN fixes fx ON fx.tracker_id = s.tracker_id AND fx.key = s.key ORDER BY s.tracker_id, s.key";
        Map<String, Integer> index = new HashMap<>();
        int cap = 1024;
        f.key = new String[cap];
        f.created = new long[cap];
        f.closed = new long[cap];
        f.reporter = new int[cap];
        f.reporterBot = new boolean[cap];
        f.firstResponse = new long[cap];
        f.newcomer = new boolean[cap];
        f.closer = new int[cap];
        f.closeKnown = new boolean[cap];
        f.firstFix = new long[cap];
        f.responder = new String[cap];
        String[] trackerOf = new String[cap];
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            bind(ps, scope, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (f.size == f.key.length) {
                        int n = f.size * 2;
                        f.key = Arrays.copyOf(f.key, n);
                        f.created = Arrays.copyOf(f.created, n);
                        f.closed = Arrays.copyOf(f.closed, n);
                        f.reporter = Arrays.copyOf(f.reporter, n);
                        f.reporterBot = Arrays.copyOf(f.reporterBot, n);
                        f.firstResponse = Arrays.copyOf(f.firstResponse, n);
                        f.newcomer = Arrays.copyOf(f.newcomer, n);
                        f.closer = Arrays.copyOf(f.closer, n);
                        f.closeKnown = Arrays.copyOf(f.closeKnown, n);
                        f.firstFix = Arrays.copyOf(f.firstFix, n);
                        f.responder = Arrays.copyOf(f.responder, n);
                        trackerOf = Arrays.copyOf(trackerOf, n);
                    }
                    int i = f.size++;
                    String tracker = rs.getString(1);
                    trackerOf[i] = tracker;
                    f.key[i] = rs.getString(2);
                    index.put(tracker + "\u0000" + f.key[i], i);
                    f.created[i] = rs.getLong(3);
                    long c = rs.getLong(4);
                    f.closed[i] = rs.wasNull() ? Long.MIN_VALUE : c;
                    f.reporter[i] = f.account(tracker, rs.getString(5));
                    f.reporterBot[i] = rs.getBoolean(6);
                    long r = rs.getLong(7);
                    f.firstResponse[i] = rs.wasNull() ? Long.MIN_VALUE : r;
                    f.newcomer[i] = rs.getBoolean(8);
                    String closer = rs.getString(9);
                    f.closer[i] = closer == null ? -1 : f.account(tracker, closer);
                    f.closeKnown[i] = rs.getBoolean(10);
                    long fix = rs.getLong(11);
                    f.firstFix[i] = rs.wasNull() ? Long.MIN_VALUE : fix;
                    f.responder[i] = rs.getString(12);
                }
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("reading issues: " + e.getMessage(), e);
        }
        if (releases != null) {
            f.released = new long[f.size];
            Arrays.fill(f.released, Long.MIN_VALUE);
            dev.tributary.store.read.IssueReleases.of(conn, releases).forEach((k, shipped) -> {
                Integer i = index.get(k);
                if (i != null && shipped.date() >= f.created[i]) {
                    f.released[i] = shipped.date();
                }
            });
        }
        // activity times and comments of each issue
        long[][] acts = new long[f.size][];
        int[] fill = new int[f.size];
        long[] counts = new long[f.size];
        List<Long> commentAt = new ArrayList<>();
        List<Integer> commentAuthor = new ArrayList<>();
        List<Integer> commentIssue = new ArrayList<>();
        List<Long> eventAt = new ArrayList<>();
        List<Integer> eventIssue = new ArrayList<>();
        String comments = "WITH sel AS (" + selected(scope) + ") SELECT t.name, c.key, c.ts, c.author, c.author_bot FROM issue_comments c"
                + " JOIN sel s ON s.tracker_id = c.tracker_id AND s.key = c.key JOIN issue_trackers t ON t.id = c.tracker_id";
        String events = "WITH sel AS (" + selected(scope) + ") SELECT t.name, e.key, e.ts FROM issue_events e"
                + " JOIN sel s ON s.tracker_id = e.tracker_id AND s.key = e.key JOIN issue_trackers t ON t.id = e.tracker_id";
        try (PreparedStatement ps = conn.prepareStatement(comments)) {
            bind(ps, scope, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Integer i = index.get(rs.getString(1) + "\u0000" + rs.getString(2));
                    if (i == null) {
                        continue;
                    }
                    commentAt.add(rs.getLong(3));
                    commentAuthor.add(rs.getBoolean(5) ? -1 : f.account(rs.getString(1), rs.getString(4)));
                    commentIssue.add(i);
                    counts[i]++;
                }
            }
            try (PreparedStatement pe = conn.prepareStatement(events)) {
                bind(pe, scope, 1);
                try (ResultSet rs = pe.executeQuery()) {
                    while (rs.next()) {
                        Integer i = index.get(rs.getString(1) + "\u0000" + rs.getString(2));
                        if (i != null) {
                            eventAt.add(rs.getLong(3));
                            eventIssue.add(i);
                            counts[i]++;
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("reading issue comments: " + e.getMessage(), e);
        }
        for (int i = 0; i < f.size; i++) {
            acts[i] = new long[(int) counts[i] + (f.closed[i] == Long.MIN_VALUE ? 1 : 2)];
            acts[i][fill[i]++] = f.created[i];
            if (f.closed[i] != Long.MIN_VALUE) {
                acts[i][fill[i]++] = f.closed[i];
            }
        }
        f.commentAt = new long[commentAt.size()];
        f.commentAuthor = new int[commentAt.size()];
        f.commentIssue = new int[commentAt.size()];
        for (int c = 0; c < commentAt.size(); c++) {
            f.commentAt[c] = commentAt.get(c);
            f.commentAuthor[c] = commentAuthor.get(c);
            f.commentIssue[c] = commentIssue.get(c);
            int i = commentIssue.get(c);
            acts[i][fill[i]++] = commentAt.get(c);
        }
        for (int e = 0; e < eventAt.size(); e++) {
            int i = eventIssue.get(e);
            acts[i][fill[i]++] = eventAt.get(e);
        }
        for (long[] a : acts) {
            Arrays.sort(a);
        }
        f.activity = acts;
        f.trackerOf = trackerOf;
        // first close per account
        f.closerFirst = new long[f.accounts.size()];
        Arrays.fill(f.closerFirst, Long.MIN_VALUE);
        for (int i = 0; i < f.size; i++) {
            if (f.closer[i] >= 0 && f.closed[i] != Long.MIN_VALUE) {
                long c = f.closed[i];
                int a = f.closer[i];
                if (f.closerFirst[a] == Long.MIN_VALUE || c < f.closerFirst[a]) {
                    f.closerFirst[a] = c;
                }
            }
        }
        if (split == Split.reporter_organization || split == Split.responder_organization) {
            Map<String, String> orgs = organizations(scope, split == Split.reporter_organization);
            for (int i = 0; i < f.size; i++) {
                if (split == Split.responder_organization && f.responder[i] == null) {
                    continue; // no responder: not in any responder's group
                }
                f.groups.computeIfAbsent(orgs.getOrDefault(trackerOf[i] + "\u0000" + f.key[i], UNKNOWN), k -> new ArrayList<>()).add(i);
            }
        } else if (split != Split.none) {
            String kind = split == Split.fix_version ? "fix-version" : split.name();
            String groups = "WITH sel AS (" + selected(scope) + ") SELECT t.name, l.key, l.name FROM issue_labels l"
                    + " JOIN sel s ON s.tracker_id = l.tracker_id AND s.key = l.key JOIN issue_trackers t ON t.id = l.tracker_id"
                    + " WHERE l.kind = ? ORDER BY l.name";
            try (PreparedStatement ps = conn.prepareStatement(groups)) {
                int n = bind(ps, scope, 1);
                ps.setString(n, kind);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Integer i = index.get(rs.getString(1) + "\u0000" + rs.getString(2));
                        if (i != null) {
                            f.groups.computeIfAbsent(rs.getString(3), k -> new ArrayList<>()).add(i);
                        }
                    }
                }
            } catch (SQLException e) {
                throw new TributaryException.StoreFailure("reading issue labels: " + e.getMessage(), e);
            }
        }
        return f;
    }

    /** The stored trackers' ids, in registration order. */
    public List<Integer> trackerIds() {
        List<Integer> out = new ArrayList<>();
        try (java.sql.Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM issue_trackers ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("reading trackers: " + e.getMessage(), e);
        }
        return out;
    }

    /** The bucket of accounts with no known organization. */
    public static final String UNKNOWN = "Unknown";

    /**
     * The organization of each issue's reporter at the report, or of its first responder at the response (key:
     * tracker name, NUL, issue key), from the contributions read model: the account's individual (after the
     * same identity rules as every other source: the address the tracker shows, a linked code review account,
     * a GitHub noreply commit address naming the login, curated aliases and merges) and that individual's
     * organization at the time ({@link Activity#organizationAt}: enrollments, then the address's
     * affiliations). Issues whose account has no organization then, or no row in the read model (a pull
     * request's account seen only on pull requests), are absent: Unknown.
     */
    Map<String, String> organizations(IssueScope scope, boolean reporters) {
        String who = reporters ? "s.reporter" : "cs.responder";
        String at = reporters ? "s.created" : "cs.first_response";
        String sql = "WITH sel AS (" + selected(scope) + ")," + FIRST_RESPONSES
                + " a AS (SELECT s.tracker_id, s.key, " + at + " AS author_epoch, ap.individual, ca.email FROM sel s"
                + (reporters ? "" : " JOIN cs ON cs.tracker_id = s.tracker_id AND cs.key = s.key")
                + "  JOIN contribution_actors ca ON ca.source = 'issues' AND ca.container = s.tracker_id AND ca.name = " + who
                + "  JOIN contribution_people ap ON ap.aid = ca.aid),"
                + Activity.organizationAt("a", "r")
                + "SELECT t.name, r.key, r.organization FROM r JOIN issue_trackers t ON t.id = r.tracker_id WHERE r.organization IS NOT NULL";
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            bind(ps, scope, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + "\u0000" + rs.getString(2), rs.getString(3));
                }
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("reading the organizations of issue accounts: " + e.getMessage(), e);
        }
        return out;
    }

    /** Binds the parameters of {@link #selected} from {@code at}; returns the next index. */
    private int bind(PreparedStatement ps, IssueScope scope, int at) throws SQLException {
        if (!scope.trackers().isEmpty()) {
            ps.setArray(at++, conn.createArrayOf("VARCHAR", scope.trackers().toArray()));
        }
        if (scope.label() != null) {
            ps.setString(at++, scope.label());
        }
        return at;
    }
}
