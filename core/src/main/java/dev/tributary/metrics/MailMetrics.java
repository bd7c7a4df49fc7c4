package dev.tributary.metrics;

import dev.tributary.store.read.ContributorRows;
import dev.tributary.store.read.MessageRows;
import dev.tributary.model.Scope;
import dev.tributary.model.DateRange;
import dev.tributary.model.Organizations;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Mailing-list metrics after CHAOSS, for a {@link MailScope}, as one value per period (the whole window, or
 * each week, month, quarter or year in UTC, as {@link Health}), optionally per organization. Senders are
 * individuals resolved as commit authors are, with the organization at each message's date
 * ({@link Activity#organizationAt}). Definitions: {@link Metric} and {@code docs/mail.md}.
 *
 * <p>Threads are judged over the lists' whole history (a reply after the window still answers a thread
 * started in it); a thread belongs to the period of its first message.
 */
public final class MailMetrics {
    private final Connection conn;

    public MailMetrics(Connection conn) {
        this.conn = conn;
    }

    /** The metrics, with their one-line definitions. */
    public enum Metric implements MetricDefinition {
        @Definition("messages posted in the period")
        messages,
        @Definition("threads started in the period (their first message is in it)")
        threads,
        @Definition("messages in the period that answer another message of the list")
        replies,
        @Definition("individuals who posted in the period (CHAOSS: Contributors, on the list)")
        posters,
        @Definition("individuals whose first message on the lists is in the period (CHAOSS: New Contributors)")
        new_posters,
        @Definition("median hours from a thread's first message to the first reply by someone else, bots "
                + "excluded, over the period's answered threads (CHAOSS: Time to First Response)")
        time_to_first_response_median,
        @Definition("90th percentile of the same hours (CHAOSS: Time to First Response)")
        time_to_first_response_p90,
        @Definition("threads started in the period that nobody else has answered (bots' answers do not count)")
        unanswered_threads,
        @Definition("threads started in the period by someone posting for the first time")
        newcomer_threads,
        @Definition("of those, the ones nobody else has answered")
        newcomer_threads_unanswered;

        /** Counts that split by organization with {@code --by organization} (replies: who does the answering). */
        @Override
        public boolean splits() {
            return this == messages || this == replies || this == posters || this == new_posters || this == threads;
        }

        public static Metric of(String label) {
            return MetricName.of(Metric.class, label, "mail metric", "'tributary mail --definitions' lists them");
        }
    }

    /** All metrics in definition order. */
    public static List<Metric> all() {
        return List.of(Metric.values());
    }

    /** One stored message, resolved. */
    private record Row(int list, String id, long epoch, String individual, String organization, boolean bot, String parent,
            String root, List<String> repliesTo) {
        String org() {
            return organization == null ? Organizations.UNKNOWN : organization;
        }
    }

    /** A thread's facts: its first message, and when someone other than its starter (not a bot) first answered. */
    private record Thread(Row root, Long firstResponse, boolean newcomer, boolean orphan) {
    }

    public List<Point> run(MailScope scope, List<Metric> metrics, Interval interval, boolean byOrganization, int top) {
        List<Row> rows = rows(scope);
        Set<String> bots = new HashSet<>();
        Map<String, Row> firstEver = new HashMap<>(); // each individual's first message, by date then id
        Comparator<Row> byDate = Comparator.<Row>comparingLong(Row::epoch).thenComparing(Row::id).thenComparingInt(Row::list);
        Map<String, Row> byKey = new HashMap<>();
        Map<String, List<Row>> byThread = new HashMap<>();
        for (Row r : rows) {
            if (r.bot) {
                bots.add(r.individual);
            }
            firstEver.merge(r.individual, r, (a, b) -> byDate.compare(a, b) <= 0 ? a : b);
            byKey.put(r.list + " " + r.id, r);
            byThread.computeIfAbsent(r.list + " " + r.root, k -> new ArrayList<>()).add(r);
        }
        List<Thread> threads = new ArrayList<>();
        for (List<Row> members : byThread.values()) {
            Row root = byKey.get(members.get(0).list + " " + members.get(0).root);
            if (root == null) {
                continue; // not threaded yet (a run killed before threading): the next collect threads it
            }
            Long first = null;
            for (Row m : members) {
                if (m != root && !m.bot && !m.individual.equals(root.individual) && !bots.contains(m.individual)) {
                    long t = Math.max(0, m.epoch - root.epoch); // a reply dated before its thread: a skewed clock, 0
                    first = first == null ? t : Math.min(first, t);
                }
            }
            // an orphan replies to messages the list does not hold; a root cut from a reply loop, or a message
            // replying to itself, names a message the list holds and is no orphan
            boolean orphan = root.parent == null && !root.repliesTo.isEmpty()
                    && root.repliesTo.stream().noneMatch(id -> byKey.containsKey(root.list + " " + id));
            // one newcomer thread per person: the thread their first message starts
            threads.add(new Thread(root, first, firstEver.get(root.individual) == root, orphan));
        }
        // every period of the window, empty ones included
        TreeMap<Long, List<Row>> byPeriod = new TreeMap<>();
        for (Row r : rows) {
            if (inWindow(scope, r.epoch)) {
                byPeriod.computeIfAbsent(period(r.epoch, interval), k -> new ArrayList<>()).add(r);
            }
        }
        TreeMap<Long, List<Thread>> threadsByPeriod = new TreeMap<>();
        for (Thread t : threads) {
            if (inWindow(scope, t.root.epoch)) {
                threadsByPeriod.computeIfAbsent(period(t.root.epoch, interval), k -> new ArrayList<>()).add(t);
            }
        }
        List<Long> starts = Interval.starts(interval, scope.since(), scope.until(), byPeriod);
        Map<String, Long> orgMessages = new HashMap<>();
        for (List<Row> l : byPeriod.values()) {
            for (Row r : l) {
                if (scope.includeBots() || !bots.contains(r.individual)) {
                    orgMessages.merge(r.org(), 1L, Long::sum);
                }
            }
        }
        Set<String> shown = new HashSet<>();
        orgMessages.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).limit(top).forEach(e -> shown.add(e.getKey()));

        List<Point> out = new ArrayList<>();
        for (long start : starts) {
            String label = Interval.label(start, interval);
            List<Row> people = byPeriod.getOrDefault(start, List.of()).stream()
                    .filter(r -> scope.includeBots() || !bots.contains(r.individual)).toList();
            List<Thread> started = threadsByPeriod.getOrDefault(start, List.of()).stream()
                    .filter(t -> scope.includeBots() || !bots.contains(t.root.individual)).toList();
            // answerable threads: not started by a bot, and not a reply to a message the archive lacks
            List<Thread> answerable = started.stream().filter(t -> !t.orphan && !bots.contains(t.root.individual)).toList();
            double[] hours = answerable.stream().filter(t -> t.firstResponse != null).mapToDouble(t -> t.firstResponse / 3600.0)
                    .sorted().toArray();
            for (Metric m : metrics) {
                Map<String, Double> groups = new HashMap<>();
                double value;
                switch (m) {
                    case messages:
                        value = people.size();
                        people.forEach(r -> groups.merge(r.org(), 1.0, Double::sum));
                        break;
                    case replies:
                        List<Row> replies = people.stream().filter(r -> r.parent != null).toList();
                        value = replies.size();
                        replies.forEach(r -> groups.merge(r.org(), 1.0, Double::sum));
                        break;
                    case posters:
                    case new_posters:
                        Map<String, Set<String>> who = new HashMap<>();
                        Set<String> all = new HashSet<>();
                        for (Row r : people) {
                            if (m == Metric.posters || firstEver.get(r.individual).epoch >= periodStart(scope, start, interval)
                                    && firstEver.get(r.individual).epoch < periodEnd(scope, start, interval)) {
                                all.add(r.individual);
                                who.computeIfAbsent(r.org(), k -> new HashSet<>()).add(r.individual);
                            }
                        }
                        value = all.size();
                        who.forEach((org, s) -> groups.put(org, (double) s.size()));
                        break;
                    case threads:
                        value = started.size();
                        started.forEach(t -> groups.merge(t.root.org(), 1.0, Double::sum));
                        break;
                    case time_to_first_response_median:
                        if (hours.length == 0) {
                            continue; // no answered thread: no value rather than a false 0
                        }
                        value = quantile(hours, 0.5);
                        break;
                    case time_to_first_response_p90:
                        if (hours.length == 0) {
                            continue;
                        }
                        value = quantile(hours, 0.9);
                        break;
                    case unanswered_threads:
                        value = answerable.stream().filter(t -> t.firstResponse == null).count();
                        break;
                    case newcomer_threads:
                        value = answerable.stream().filter(Thread::newcomer).count();
                        break;
                    case newcomer_threads_unanswered:
                        value = answerable.stream().filter(t -> t.newcomer && t.firstResponse == null).count();
                        break;
                    default:
                        throw new IllegalStateException(m.name());
                }
                out.add(new Point(label, m.label(), "all", value));
                if (byOrganization && m.splits()) {
                    Map<String, Double> named = new LinkedHashMap<>();
                    groups.forEach((org, v) -> named.merge(shown.contains(org) ? org : "Other", v, Double::sum));
                    named.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                                    .thenComparing(Map.Entry.comparingByKey()))
                            .forEach(e -> out.add(new Point(label, m.label(), e.getKey(), e.getValue())));
                }
            }
        }
        // metric by metric, "all" first, then groups by their total over the window: a group that first appears in
        // a later period is not listed after everything else
        Map<String, Double> totals = new HashMap<>();
        out.forEach(p -> totals.merge(p.metric() + " " + p.group(), p.value(), Double::sum));
        List<String> order = metrics.stream().map(Metric::label).toList();
        List<Point> sorted = new ArrayList<>(out);
        sorted.sort(java.util.Comparator.<Point>comparingInt(p -> order.indexOf(p.metric()))
                .thenComparing(p -> !p.group().equals("all"))
                .thenComparing(p -> -totals.get(p.metric() + " " + p.group()))
                .thenComparing(Point::group));
        return sorted;
    }

    /** Linear interpolation between closest ranks (DuckDB's {@code quantile_cont}); {@code sorted} is not empty. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    private static boolean inWindow(MailScope s, long epoch) {
        return (s.since() == null || epoch >= s.since()) && (s.until() == null || epoch < s.until());
    }

    private static long period(long epoch, Interval interval) {
        return interval == null ? 0 : Interval.floor(epoch, interval);
    }

    private static long periodStart(MailScope s, long start, Interval interval) {
        return interval == null ? (s.since() == null ? Long.MIN_VALUE : s.since()) : start;
    }

    private static long periodEnd(MailScope s, long start, Interval interval) {
        return interval == null ? (s.until() == null ? Long.MAX_VALUE : s.until()) : Interval.next(start, interval);
    }

    private List<Row> rows(MailScope scope) {
        return new MessageRows(conn).messages(scope.lists()).stream().map(m -> new Row(m.list(), m.id(), m.epoch(), m.individual(),
                m.organization(), m.bot(), m.parent(), m.root(), m.repliesTo())).toList();
    }

    /**
     * The mail window that goes with a git scope: its own window when it has one, else, for a scope of ranges
     * (a release given as tag ranges), the dates of its commits ({@link #commitWindow}); {null, null} for
     * the whole history.
     */
    public DateRange window(Scope git) {
        if (!git.window().open()) {
            return git.window();
        }
        boolean ranges = git.parts().stream().anyMatch(x -> x.scopeKey().startsWith("range:"));
        DateRange w = ranges ? commitWindow(git) : null;
        return w == null ? DateRange.ALL : w;
    }

    /**
     * The date window of a git scope, for a release's mail: [first, last + 1 s) of its non-merge commits'
     * author dates, within the scope's own window; null when the scope has no commits.
     */
    public DateRange commitWindow(Scope scope) {
        long[] span = new ContributorRows(conn).nonMergeSpan(scope);
        return span == null ? null : new DateRange(span[0], span[1] + 1);
    }
}
