package dev.tributary.metrics;

import dev.tributary.TributaryException;
import dev.tributary.store.read.IssueRows;
import java.sql.Connection;
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
    public enum Metric implements MetricName {
        @Definition("issues reported in the period (CHAOSS: Issues New)")
        issues_new,
        @Definition("issues closed in the period (CHAOSS: Issues Closed)")
        issues_closed,
        @Definition("issues reported, commented on, changed or closed in the period (CHAOSS: Issues Active)")
        issues_active,
        @Definition("of the issues reported in the period, those open now (issues by state)")
        issues_open,
        @Definition("of the issues reported in the period, those closed now (issues by state)")
        issues_closed_now,
        @Definition("issues open at the end of the period (CHAOSS: Issue Backlog)")
        issue_backlog,
        @Definition("median age in days of the issues open at the end of the period (CHAOSS: Issue Age)")
        issue_age_median,
        @Definition("median hours from report to first response, issues reported in the period (CHAOSS: Issue Response Time)")
        issue_response_time_median,
        @Definition("90th percentile of the same hours")
        issue_response_time_p90,
        @Definition("issues reported in the period that got a response")
        issues_responded,
        @Definition("issues reported in the period with no response yet")
        issues_unanswered,
        @Definition("median days from report to close, issues closed in the period (CHAOSS: Issue Resolution Duration)")
        issue_resolution_duration_median,
        @Definition("90th percentile of the same days")
        issue_resolution_duration_p90,
        @Definition("issues open at the end of the period with no activity in the days before it (365 unless told; CHAOSS: Abandoned Issues)")
        abandoned_issues,
        @Definition("comments made in the period on the scope's issues, bots included")
        issue_comments,
        @Definition("accounts that commented in the period, bots excluded")
        issue_commenters,
        @Definition("accounts that reported issues in the period, bots excluded")
        issue_reporters,
        @Definition("issues reported in the period that were their reporter's first activity on the tracker")
        newcomer_issues,
        @Definition("of those, how many got a response")
        newcomer_issues_answered,
        @Definition("median hours to the first response of those")
        newcomer_response_time_median,
        @Definition("issues reported in the period with a fix linked: a commit citing them (Fixes #N, Closes-Bug: N, BUG: N, KEY-N), a merged pull request saying it fixes them, or a close by a commit")
        issues_with_fix,
        @Definition("median days from report to the first linked fix, issues reported in the period")
        time_to_first_fix_median,
        @Definition("issues reported in the period whose first fix commit is in one of the project's releases (with --project)")
        issues_released,
        @Definition("median days from report to the release of the first fix commit: the first release in the project's list whose range or window holds it, dated by its newest commit (with --project)")
        time_to_release_median,
        @Definition("accounts whose first issue close on the tracker is in the period, bots excluded (CHAOSS: New Contributors Closing Issues)")
        new_issue_closers;

        /** @throws TributaryException.InvalidInput naming the command that lists the metrics */
        public static Metric of(String label) {
            return MetricName.of(Metric.class, label, "issue metric", "'tributary issues --list' lists them");
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
        String[] key = {};
        long[] created = {};
        long[] closed = {}; // Long.MIN_VALUE while open
        boolean[] closeKnown = {}; // false when the tracker gave no close time (the last update stands for it)
        long[] firstFix = {}; // Long.MIN_VALUE without one
        long[] released; // the release date of the first fix commit, Long.MIN_VALUE without one; null without releases
        String[] responder = {}; // first responder's login, or null
        String[] trackerOf = {};
        int[] reporter = {};
        boolean[] reporterBot = {};
        long[] firstResponse = {}; // Long.MIN_VALUE without one
        boolean[] newcomer = {};
        int[] closer = {}; // -1 without one
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

        /** Room for {@code n} issues in every per-issue column read from the store, keeping those read so far. */
        void capacity(int n) {
            key = Arrays.copyOf(key, n);
            created = Arrays.copyOf(created, n);
            closed = Arrays.copyOf(closed, n);
            reporter = Arrays.copyOf(reporter, n);
            reporterBot = Arrays.copyOf(reporterBot, n);
            firstResponse = Arrays.copyOf(firstResponse, n);
            newcomer = Arrays.copyOf(newcomer, n);
            closer = Arrays.copyOf(closer, n);
            closeKnown = Arrays.copyOf(closeKnown, n);
            firstFix = Arrays.copyOf(firstFix, n);
            responder = Arrays.copyOf(responder, n);
            trackerOf = Arrays.copyOf(trackerOf, n);
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

    private Facts load(IssueScope scope, Split split) {
        Facts f = new Facts();
        IssueRows rows = new IssueRows(conn);
        IssueRows.Selection sel = new IssueRows.Selection(scope.trackers(), scope.pulls(), scope.label());
        Map<String, Integer> index = new HashMap<>();
        f.capacity(1024);
        rows.issues(sel, (tracker, key, created, closed, reporter, reporterBot, firstResponse, reporterFirst, closer, closeKnown, firstFix,
                          responder) -> {
            if (f.size == f.key.length) {
                f.capacity(f.size * 2);
            }
            int i = f.size++;
            f.trackerOf[i] = tracker;
            f.key[i] = key;
            index.put(tracker + "\u0000" + key, i);
            f.created[i] = created;
            f.closed[i] = closed == null ? Long.MIN_VALUE : closed;
            f.reporter[i] = f.account(tracker, reporter);
            f.reporterBot[i] = reporterBot;
            f.firstResponse[i] = firstResponse == null ? Long.MIN_VALUE : firstResponse;
            f.newcomer[i] = reporterFirst;
            f.closer[i] = closer == null ? -1 : f.account(tracker, closer);
            f.closeKnown[i] = closeKnown;
            f.firstFix[i] = firstFix == null ? Long.MIN_VALUE : firstFix;
            f.responder[i] = responder;
        });
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
        rows.comments(sel, (tracker, key, at, author, bot) -> {
            Integer i = index.get(tracker + "\u0000" + key);
            if (i != null) {
                commentAt.add(at);
                commentAuthor.add(bot ? -1 : f.account(tracker, author));
                commentIssue.add(i);
                counts[i]++;
            }
        });
        rows.events(sel, (tracker, key, at) -> {
            Integer i = index.get(tracker + "\u0000" + key);
            if (i != null) {
                eventAt.add(at);
                eventIssue.add(i);
                counts[i]++;
            }
        });
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
            Map<String, String> orgs = rows.organizations(sel, split == Split.reporter_organization);
            for (int i = 0; i < f.size; i++) {
                if (split == Split.responder_organization && f.responder[i] == null) {
                    continue; // no responder: not in any responder's group
                }
                f.groups.computeIfAbsent(orgs.getOrDefault(f.trackerOf[i] + "\u0000" + f.key[i], UNKNOWN), k -> new ArrayList<>()).add(i);
            }
        } else if (split != Split.none) {
            rows.labels(sel, split == Split.fix_version ? "fix-version" : split.name(), (tracker, key, label) -> {
                Integer i = index.get(tracker + "\u0000" + key);
                if (i != null) {
                    f.groups.computeIfAbsent(label, k -> new ArrayList<>()).add(i);
                }
            });
        }
        return f;
    }

    /** The stored trackers' ids, in registration order. */
    public List<Integer> trackerIds() {
        return new IssueRows(conn).trackerIds();
    }

    /** The bucket of accounts with no known organization. */
    public static final String UNKNOWN = "Unknown";
}
