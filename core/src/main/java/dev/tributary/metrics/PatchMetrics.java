package dev.tributary.metrics;

import dev.tributary.store.read.PatchRows;
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
import java.util.function.Function;

/**
 * Patch-review metrics over mailing lists ({@code docs/mail.md}, "Patches and reviews"), for a {@link MailScope},
 * one value per period (as {@link MailMetrics}), optionally split by organization, person or list. People are the
 * senders resolved as for every message, with the organization at each message's date; a review trailer's
 * named person, when not the sender, is kept beside it ({@code reviewers-named}).
 *
 * <p>A series belongs to the period of its head (cover letter or first patch); a reply or a landing after the
 * window still counts for it. Bots' replies never count as responses.
 */
public final class PatchMetrics {
    private final Connection conn;

    public PatchMetrics(Connection conn) {
        this.conn = conn;
    }

    /** The metrics, with their one-line definitions. */
    public enum Metric implements MetricName {
        @Definition("patches posted in the period (cover letters not counted)")
        patches,
        @Definition("series posted in the period: a cover letter or first patch with the patches threaded under it")
        series,
        @Definition("mean number of versions (v1, v2, ...) of the series families whose first version is in the period")
        versions_per_series,
        @Definition("median hours from a series' first message to the first reply to it by someone "
                + "else, bots excluded, over the period's answered series")
        time_to_first_response_median,
        @Definition("median hours from a series' first message to the first review trailer "
                + "(Reviewed-by, Acked-by, Tested-by) given in a reply by someone else")
        time_to_first_review_median,
        @Definition("patches posted in the period whose series nobody else has answered")
        unanswered_patches,
        @Definition("replies to patches in the period by someone other than the patch's sender")
        review_replies,
        @Definition("Reviewed-by, Acked-by, Tested-by and NAKs given in replies to patches in the period")
        review_trailers,
        @Definition("Reviewed-by trailers given in replies in the period")
        reviews_reviewed,
        @Definition("Acked-by trailers given in replies in the period")
        reviews_acked,
        @Definition("Tested-by trailers given in replies in the period")
        reviews_tested,
        @Definition("NAKs (Nacked-by, a NAK line) given in replies in the period")
        nacks,
        @Definition("individuals who gave a review trailer in a reply in the period (the reply's sender)")
        reviewers,
        @Definition("people named by those trailers (the trailer's address, else the sender's)")
        reviewers_named,
        @Definition("series posted in the period with at least one patch linked to a commit")
        series_accepted,
        @Definition("patches posted in the period linked to a commit")
        patches_landed,
        @Definition("median hours from an accepted series' first message to its first commit (committer date)")
        time_to_land_median,
        @Definition("patches landed in the period (by committer date), split by the committer with --by person")
        maintainer_load;

        /** The metric named {@code label}, or null when it is not a patch metric. */
        public static Metric find(String label) {
            return MetricName.find(Metric.class, label);
        }
    }

    /** How counts split. */
    public enum By { none, organization, person, list }

    public static List<Metric> all() {
        return List.of(Metric.values());
    }

    private record Msg(int list, String id, long epoch, String individual, String name, String organization, boolean bot) {
        String org() {
            return organization == null ? Organizations.UNKNOWN : organization;
        }
    }

    private record Series(Msg head, List<Msg> patches, Long firstResponse, Long firstReview, Long landed, boolean accepted,
            String family) {
    }

    private record Review(Msg reply, String kind, String namedEmail, String namedName, Msg target) {
    }

    private record Landing(Msg patch, long committed, String committer) {
    }

    public List<Point> run(MailScope scope, List<Metric> metrics, Interval interval, By by, int top) {
        PatchRows reads = new PatchRows(conn);
        Map<String, Msg> msgs = messages(reads, scope);
        Map<String, List<Msg>> bySeries = new HashMap<>();
        Map<String, String> seriesOf = new HashMap<>();
        Map<String, String> family = new HashMap<>();
        List<Msg> patches = new ArrayList<>();
        for (PatchRows.Patch row : reads.patches(scope.lists())) {
            Msg m = msgs.get(row.list() + " " + row.id());
            if (m == null) {
                continue;
            }
            String s = row.list() + " " + row.series();
            seriesOf.put(key(m), s);
            family.put(s, row.list() + " " + row.family());
            if (row.kind().equals("patch")) {
                bySeries.computeIfAbsent(s, k -> new ArrayList<>()).add(m);
                patches.add(m);
            }
        }
        Map<String, Long> firstResponse = new HashMap<>();
        Map<String, Long> firstReview = new HashMap<>();
        List<Msg> replies = new ArrayList<>();
        for (PatchRows.Reply row : reads.replies(scope.lists())) {
            Msg reply = msgs.get(row.list() + " " + row.id());
            Msg head = msgs.get(row.list() + " " + row.series());
            Msg target = msgs.get(row.list() + " " + row.target());
            if (reply == null || head == null || target == null || reply.bot || reply.individual.equals(head.individual)) {
                continue;
            }
            firstResponse.merge(key(head), Math.max(0, reply.epoch - head.epoch), Math::min);
            if (!reply.individual.equals(target.individual)) {
                replies.add(reply);
            }
        }
        List<Review> reviews = new ArrayList<>();
        for (PatchRows.Trailer row : reads.trailers(scope.lists())) {
            Msg reply = msgs.get(row.list() + " " + row.id());
            Msg target = msgs.get(row.list() + " " + row.target());
            Msg head = msgs.get(row.list() + " " + row.series());
            if (reply == null || target == null) {
                continue;
            }
            reviews.add(new Review(reply, row.kind(), row.email(), row.name(), target));
            if (head != null && !reply.bot && !reply.individual.equals(head.individual) && !row.kind().equals("nacked")) {
                firstReview.merge(key(head), Math.max(0, reply.epoch - head.epoch), Math::min);
            }
        }
        Map<String, Long> landedAt = new HashMap<>();
        List<Landing> landings = new ArrayList<>();
        for (PatchRows.Landing row : reads.landings(scope.lists())) {
            Msg p = msgs.get(row.list() + " " + row.id());
            if (p != null) {
                landedAt.merge(key(p), row.committed(), Math::min);
                landings.add(new Landing(p, row.committed(), row.committer()));
            }
        }
        List<Series> series = new ArrayList<>();
        Map<String, List<String>> families = new HashMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(family).entrySet()) {
            Msg head = msgs.get(e.getKey());
            if (head == null) {
                continue;
            }
            List<Msg> members = bySeries.getOrDefault(e.getKey(), List.of());
            Long land = null;
            for (Msg p : members) {
                Long t = landedAt.get(key(p));
                if (t != null) {
                    land = land == null ? Math.max(0, t - head.epoch) : Math.min(land, Math.max(0, t - head.epoch));
                }
            }
            series.add(new Series(head, members, firstResponse.get(key(head)), firstReview.get(key(head)), land, land != null,
                    e.getValue()));
            families.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
        }

        Set<String> bots = new HashSet<>();
        msgs.values().forEach(m -> {
            if (m.bot) {
                bots.add(m.individual);
            }
        });
        Function<Msg, Boolean> counted = m -> scope.includeBots() || !bots.contains(m.individual);
        Map<Integer, String> listNames = new HashMap<>();
        if (by == By.list) {
            listNames.putAll(reads.listNames(scope.lists()));
        }
        Function<Msg, String> group = m -> by == By.person ? m.name : by == By.list ? listNames.get(m.list) : m.org();

        // the periods: every one of the window
        TreeMap<Long, Boolean> seen = new TreeMap<>();
        msgs.values().forEach(m -> {
            if (inWindow(scope, m.epoch)) {
                seen.put(period(m.epoch, interval), true);
            }
        });
        List<Long> starts = Interval.starts(interval, scope.since(), scope.until(), seen);
        List<Point> out = new ArrayList<>();
        for (long start : starts) {
            String label = Interval.label(start, interval);
            java.util.function.LongPredicate here = t -> inWindow(scope, t) && period(t, interval) == start;
            List<Series> sIn = series.stream().filter(s -> here.test(s.head.epoch) && counted.apply(s.head)).toList();
            List<Msg> pIn = patches.stream().filter(p -> here.test(p.epoch) && counted.apply(p)).toList();
            List<Review> rIn = reviews.stream().filter(r -> here.test(r.reply.epoch) && counted.apply(r.reply)).toList();
            for (Metric m : metrics) {
                Map<String, Double> groups = new HashMap<>();
                double value;
                switch (m) {
                    case patches -> {
                        value = pIn.size();
                        pIn.forEach(p -> groups.merge(group.apply(p), 1.0, Double::sum));
                    }
                    case series -> {
                        value = sIn.size();
                        sIn.forEach(s -> groups.merge(group.apply(s.head), 1.0, Double::sum));
                    }
                    case versions_per_series -> {
                        List<Series> firsts = sIn.stream().filter(s -> s.family.equals(key(s.head))).toList();
                        if (firsts.isEmpty()) {
                            continue;
                        }
                        value = firsts.stream().mapToInt(s -> families.get(s.family).size()).average().orElse(0);
                    }
                    case time_to_first_response_median, time_to_first_review_median, time_to_land_median -> {
                        double[] hours = sIn.stream().filter(s -> !bots.contains(s.head.individual))
                                .map(s -> m == Metric.time_to_first_response_median ? s.firstResponse
                                        : m == Metric.time_to_first_review_median ? s.firstReview : s.landed)
                                .filter(x -> x != null).mapToDouble(x -> x / 3600.0).sorted().toArray();
                        if (hours.length == 0) {
                            continue;
                        }
                        value = MailMetrics.quantile(hours, 0.5);
                    }
                    case unanswered_patches -> {
                        Set<String> answered = new HashSet<>();
                        series.stream().filter(s -> s.firstResponse != null).forEach(s -> answered.add(key(s.head)));
                        List<Msg> un = pIn.stream().filter(p -> !answered.contains(seriesOf.get(key(p)))).toList();
                        value = un.size();
                        un.forEach(p -> groups.merge(group.apply(p), 1.0, Double::sum));
                    }
                    case review_replies -> {
                        List<Msg> l = replies.stream().filter(r -> here.test(r.epoch) && counted.apply(r)).toList();
                        value = l.size();
                        l.forEach(r -> groups.merge(group.apply(r), 1.0, Double::sum));
                    }
                    case review_trailers, reviews_reviewed, reviews_acked, reviews_tested, nacks -> {
                        String kind = switch (m) {
                            case reviews_reviewed -> "reviewed";
                            case reviews_acked -> "acked";
                            case reviews_tested -> "tested";
                            case nacks -> "nacked";
                            default -> null;
                        };
                        List<Review> l = rIn.stream().filter(r -> kind == null || r.kind.equals(kind)).toList();
                        value = l.size();
                        l.forEach(r -> groups.merge(group.apply(r.reply), 1.0, Double::sum));
                    }
                    case reviewers -> {
                        Map<String, Set<String>> who = new HashMap<>();
                        Set<String> all = new HashSet<>();
                        rIn.stream().filter(r -> !r.kind.equals("nacked")).forEach(r -> {
                            all.add(r.reply.individual);
                            who.computeIfAbsent(group.apply(r.reply), k -> new HashSet<>()).add(r.reply.individual);
                        });
                        value = all.size();
                        who.forEach((g, s) -> groups.put(g, (double) s.size()));
                    }
                    case reviewers_named -> {
                        Map<String, Set<String>> who = new HashMap<>();
                        Set<String> all = new HashSet<>();
                        rIn.stream().filter(r -> !r.kind.equals("nacked")).forEach(r -> {
                            String named = r.namedEmail.isEmpty() ? r.reply.individual : r.namedEmail;
                            all.add(named);
                            String g = by == By.person ? (r.namedEmail.isEmpty() ? r.reply.name
                                    : r.namedName.isEmpty() ? r.namedEmail : r.namedName) : group.apply(r.reply);
                            who.computeIfAbsent(g, k -> new HashSet<>()).add(named);
                        });
                        value = all.size();
                        who.forEach((g, s) -> groups.put(g, (double) s.size()));
                    }
                    case series_accepted -> {
                        List<Series> l = sIn.stream().filter(Series::accepted).toList();
                        value = l.size();
                        l.forEach(s -> groups.merge(group.apply(s.head), 1.0, Double::sum));
                    }
                    case patches_landed -> {
                        List<Msg> l = pIn.stream().filter(p -> landedAt.containsKey(key(p))).toList();
                        value = l.size();
                        l.forEach(p -> groups.merge(group.apply(p), 1.0, Double::sum));
                    }
                    case maintainer_load -> {
                        List<Landing> l = landings.stream().filter(x -> here.test(x.committed)).toList();
                        value = l.size();
                        l.forEach(x -> groups.merge(by == By.person ? x.committer : group.apply(x.patch), 1.0, Double::sum));
                    }
                    default -> throw new IllegalStateException(m.name());
                }
                out.add(new Point(label, m.label(), "all", value));
                if (by != By.none && !groups.isEmpty()) {
                    List<Map.Entry<String, Double>> sorted = new ArrayList<>(groups.entrySet());
                    sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
                    Map<String, Double> named = new LinkedHashMap<>();
                    for (int i = 0; i < sorted.size(); i++) {
                        named.merge(i < top ? sorted.get(i).getKey() : "Other", sorted.get(i).getValue(), Double::sum);
                    }
                    named.forEach((g, v) -> out.add(new Point(label, m.label(), g, v)));
                }
            }
        }
        List<String> order = metrics.stream().map(Metric::label).toList();
        List<Point> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.<Point>comparingInt(p -> order.indexOf(p.metric())));
        return sorted;
    }

    /** The stored mailing lists, name to store id, by name. */
    public Map<String, Integer> lists() {
        return new PatchRows(conn).lists();
    }

    private static String key(Msg m) {
        return m.list + " " + m.id;
    }

    /** The messages of the scope's lists that patch review involves, by key. */
    private static Map<String, Msg> messages(PatchRows reads, MailScope scope) {
        Map<String, Msg> out = new HashMap<>();
        for (PatchRows.Message m : reads.messages(scope.lists())) {
            Msg msg = new Msg(m.list(), m.id(), m.epoch(), m.individual(), m.name(), m.organization(), m.bot());
            out.put(key(msg), msg);
        }
        return out;
    }

    private static boolean inWindow(MailScope s, long epoch) {
        return (s.since() == null || epoch >= s.since()) && (s.until() == null || epoch < s.until());
    }

    private static long period(long epoch, Interval interval) {
        return interval == null ? 0 : Interval.floor(epoch, interval);
    }
}
