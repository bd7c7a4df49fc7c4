package dev.tributary.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.TributaryException;
import dev.tributary.identity.EmailMask;
import dev.tributary.model.Operation;
import dev.tributary.metrics.Health;
import dev.tributary.metrics.Interval;
import dev.tributary.model.Kinds;
import dev.tributary.model.Scope;
import dev.tributary.metrics.ScopeResolver;
import dev.tributary.metrics.IssueMetrics;
import dev.tributary.metrics.IssueScope;
import dev.tributary.metrics.MailMetrics;
import dev.tributary.metrics.ReviewMetrics;
import dev.tributary.metrics.Investment;
import dev.tributary.metrics.MailScope;
import dev.tributary.metrics.PatchMetrics;
import dev.tributary.metrics.PeopleQuery;
import dev.tributary.metrics.Point;
import dev.tributary.metrics.Report;
import dev.tributary.metrics.ReportQuery;
import dev.tributary.metrics.Split;
import dev.tributary.metrics.SummaryQuery;
import dev.tributary.model.DateRange;
import dev.tributary.model.Dates;
import dev.tributary.pipeline.Resolve;
import dev.tributary.project.Project;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The REST API under {@code /api/v1/} (see {@code docs/api.md}): read-only views of the metrics, each a
 * serialization of a metrics class's typed result for the scope the parameters name; and, only when the server
 * was given an admin token, identity and affiliation edits that go through the audit-logged operations of the
 * CLI. Responses to reads are cached by path and parameters until the next edit or the next published copy
 * of the store ({@link Served}). Thread-safe.
 */
final class Api {
    static final String PREFIX = "/api/v1";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> DAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");
    /**
     * Bytes of cached answers and their keys kept at most, and answers kept at most; past either the cache starts
     * again empty (answers are cheap to redo). Both bound it: distinct query strings alone, each a small answer,
     * once grew the heap until the process died.
     */
    private static final long MAX_CACHED_BYTES = 64L << 20;
    private static final int MAX_CACHED_ANSWERS = 4096;
    /** {@link #MAX_CACHED_ANSWERS}, lowered by tests. */
    int maxCachedAnswers = MAX_CACHED_ANSWERS;

    private final Served db;
    private final byte[] adminToken;
    private final Map<String, CompletableFuture<byte[]>> cache = new ConcurrentHashMap<>();
    private final Map<String, Replay> replays = new ConcurrentHashMap<>();
    /** Computes again, one at a time, answers served a moment behind (see {@link #recompute}). */
    private final java.util.concurrent.ThreadPoolExecutor refresher = refresher();

    /** One daemon thread, ended after a minute idle: a server that is closed (or never recomputes) keeps no thread. */
    private static java.util.concurrent.ThreadPoolExecutor refresher() {
        java.util.concurrent.ThreadPoolExecutor e = new java.util.concurrent.ThreadPoolExecutor(1, 1, 60, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "tributary-answer-refresh");
                    t.setDaemon(true);
                    return t;
                });
        e.allowCoreThreadTimeOut(true);
        return e;
    }
    private final Object warmedLock = new Object();
    private Map<String, byte[]> warmed;
    private Map<String, Replay> warmedReplays;
    private final java.util.concurrent.atomic.AtomicLong cachedBytes = new java.util.concurrent.atomic.AtomicLong();
    /** Bumped by every clear, so that an answer computed across an edit is not kept. */
    private final java.util.concurrent.atomic.AtomicLong cacheGeneration = new java.util.concurrent.atomic.AtomicLong();

    private final Privacy privacy;

    Api(Served db, Project project, String adminToken, boolean hideEmails) {
        this.db = db;
        // a new copy of the store: the answers asked for are computed on it before it is swapped in, and replace
        // the cache at the swap (every other cached answer may be out of date)
        db.beforeSwap(this::warm);
        db.onPublish(this::swapCache);
        this.adminToken = adminToken == null ? null : adminToken.getBytes(StandardCharsets.UTF_8);
        this.privacy = hideEmails ? new Privacy() : null;
    }

    /**
     * The API's email privacy: every address in an answer becomes a pseudonym, {@link EmailMask#address} and a
     * keyed digest ({@code …@example.com~3fa2c1d0e5b7}), stable for the server's life; {@code people/{id}}
     * accepts only pseudonyms this server handed out, so asking for an address never tells whether it exists.
     */
    static final class Privacy {
        private static final Set<String> ADDRESS_FIELDS = Set.of("email", "emails", "individual");
        private final byte[] key = new byte[32];
        private final Map<String, String> addresses = new ConcurrentHashMap<>(); // pseudonym -> address

        Privacy() {
            new java.security.SecureRandom().nextBytes(key);
        }

        String pseudonym(String address) {
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
                String digest = java.util.HexFormat.of().formatHex(mac.doFinal(address.getBytes(StandardCharsets.UTF_8)), 0, 6);
                String p = EmailMask.address(address) + "~" + digest;
                addresses.putIfAbsent(p, address);
                return p;
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        }

        /** The address behind a pseudonym this server gave, if it gave it. */
        java.util.Optional<String> address(String pseudonym) {
            return java.util.Optional.ofNullable(addresses.get(pseudonym));
        }

        /** The answer with every address field, and every word holding an '@' elsewhere, replaced. */
        JsonNode mask(JsonNode n, String field) {
            if (n.isTextual()) {
                String s = n.asText();
                if (field != null && ADDRESS_FIELDS.contains(field)) {
                    return s.isEmpty() ? n : com.fasterxml.jackson.databind.node.TextNode.valueOf(pseudonym(s));
                }
                return s.indexOf('@') < 0 ? n : com.fasterxml.jackson.databind.node.TextNode.valueOf(EmailMask.text(s));
            }
            if (n.isArray()) {
                com.fasterxml.jackson.databind.node.ArrayNode a = (com.fasterxml.jackson.databind.node.ArrayNode) n;
                for (int i = 0; i < a.size(); i++) {
                    a.set(i, mask(a.get(i), field));
                }
            } else if (n.isObject()) {
                com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) n;
                List<String> names = new ArrayList<>();
                o.fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    o.set(name, mask(o.get(name), name));
                }
            }
            return n;
        }
    }

    /** One read endpoint: checked parameters in, a value for Jackson out. */
    private interface Read {
        Object answer(Request request, Params p);
    }

    /** What a read's answer depends on besides its parameters: the path's parameters (kept to recompute it). */
    record Request(Map<String, String> pathParams) {
        String pathParam(String name) {
            String v = pathParams.get(name);
            if (v == null) {
                throw new IllegalArgumentException("no path parameter " + name);
            }
            return v;
        }
    }

    /** How to compute a cached answer again, on the next copy of the store; and how often it was asked for. */
    private record Replay(Read read, Request request, Params params, java.util.concurrent.atomic.AtomicLong hits) {
    }

    /** A module of the project (a record, so its fields keep their order in JSON). */
    record Module(String name, List<String> globs) {
    }

    void routes(Javalin app) {
        get(app, "", Set.of(), (ctx, p) -> index());
        get(app, "/repositories", Set.of(), (ctx, p) -> scopes(p).repositories());
        get(app, "/releases", Set.of("project"), (ctx, p) -> scopes(p).releases().stream().map(Api::release).toList());
        get(app, "/modules", Set.of("project"), (ctx, p) -> scopes(p).modules().entrySet().stream()
                .map(e -> new Module(e.getKey(), e.getValue())).toList());
        get(app, "/summary", with("top"), (ctx, p) -> {
            Scopes.Resolved s = scopes(p).resolve(p);
            int top = p.integer("top", 10, 0, 10_000);
            return db.read(c -> new SummaryQuery(c).run(s.scope(), top));
        });
        get(app, "/report", with("top"), (ctx, p) -> {
            Scopes.Resolved s = scopes(p).resolve(p);
            int top = p.integer("top", 20, 0, 10_000);
            List<String> named = db.scopes().reviewContainers();
            return db.read(c -> {
                Report report = new ReportQuery(c).run(s.title(), s.scope(), top);
                if (named.isEmpty()) {
                    return report; // a project without review sources: the table as it always was
                }
                // the review columns of `report --format json`, under the same member and field names
                ReviewMetrics rm = new ReviewMetrics(c);
                List<Integer> ids = rm.ids(named);
                ReviewMetrics.ReleaseReviews rv = ids.isEmpty() ? new ReviewMetrics.ReleaseReviews(0, 0, 0, List.of())
                        : rm.releaseTable(rm.scopeOf(s.scope(), ids));
                com.fasterxml.jackson.databind.node.ObjectNode tree = MAPPER.valueToTree(report);
                tree.set("reviews", MAPPER.valueToTree(rv));
                return tree;
            });
        });
        get(app, "/metrics", with("metric", "interval", "by", "top", "kind"), (ctx, p) -> {
            Scopes.Resolved s = scopes(p).resolve(p);
            String kind = kind(p);
            List<Health.Metric> metrics = metrics(p);
            Interval interval = p.choice("interval", Interval.class, null);
            String by = by(p);
            int top = p.integer("top", 10, 0, 10_000);
            if (!kind.equals(Scope.COMMITS)) {
                if ("module".equals(by)) {
                    throw ApiError.badParameter("by", "by=module counts commits only, not kind " + kind);
                }
                List<Health.Metric> chosen = p.all("metric").isEmpty() ? Health.all().stream().filter(Health.Metric::anyKind).toList() : metrics;
                for (Health.Metric m : chosen) {
                    if (!m.anyKind()) {
                        throw ApiError.badParameter("metric", "metric '" + m.label() + "' counts commits and their lines, not " + kind
                                + " contributions");
                    }
                }
                Split split = by == null ? Split.none : Split.valueOf(by);
                return db.read(c -> {
                    Scope ks;
                    try {
                        ks = ScopeResolver.ofKind(c, s.scope(), kind, lists(c), scopes(p).reviewContainers());
                    } catch (TributaryException.InvalidInput e) {
                        throw ApiError.badParameter("kind", e.getMessage());
                    }
                    return new Health(c).run(ks, chosen, interval, split, top);
                });
            }
            if ("module".equals(by)) {
                if (scopes(p).modules().isEmpty()) {
                    throw ApiError.badParameter("by", "by=module needs a project file that declares modules");
                }
                if (!s.scope().paths().isEmpty()) {
                    throw ApiError.badParameter("by", "by=module cannot be combined with module or path");
                }
                return db.read(c -> new Health(c).runByModule(s.scope(), metrics, interval, scopes(p).modules()));
            }
            Split split = by == null ? Split.none : Split.valueOf(by);
            return db.read(c -> new Health(c).run(s.scope(), metrics, interval, split, top));
        });
        get(app, "/issues", Set.of("metric", "interval", "by", "top", "tracker", "since", "until", "label", "pulls", "release", "project"), (ctx, p) -> {
            List<IssueMetrics.Metric> metrics = named(p, "an issue metric", IssueMetrics.Metric::of);
            Interval interval = p.choice("interval", Interval.class, null);
            String by = p.one("by");
            IssueMetrics.Split split = IssueMetrics.Split.none;
            if (by != null) {
                try {
                    split = IssueMetrics.Split.valueOf(by.replace('-', '_'));
                } catch (IllegalArgumentException e) {
                    throw ApiError.badParameter("by", "'" + by + "' is not label, component, fix-version, reporter-organization"
                            + " or responder-organization");
                }
            }
            IssueMetrics.Split chosen = split;
            int top = p.integer("top", 10, 0, 10_000);
            Window w = window(p, true);
            String release = p.one("release");
            if (release != null && (w.since() != null || w.until() != null)) {
                throw ApiError.badParameter("release", "give release or since/until, not both");
            }
            // the project's trackers when it lists any (unless tracker= names some), and its releases to date fixes
            List<String> trackers = p.all("tracker").isEmpty() ? scopes(p).trackerNames() : p.all("tracker");
            List<IssueMetrics.Metric> chosenMetrics = metrics.isEmpty() ? IssueMetrics.all() : metrics;
            return db.read(c -> {
                List<String> known = trackers.stream().filter(t -> new dev.tributary.store.read.Inventory(c).trackers().stream()
                        .anyMatch(x -> x.name().equals(t))).toList();
                if (p.all("tracker").isEmpty() && !trackers.isEmpty() && known.isEmpty()) {
                    return List.<dev.tributary.metrics.Point>of(); // the project's trackers, none collected yet
                }
                Long since = w.since();
                Long until = w.until();
                if (release != null) {
                    dev.tributary.model.DateRange rw = new dev.tributary.metrics.MailMetrics(c).window(scopes(p).issueRelease(release));
                    since = rw.since();
                    until = rw.until();
                }
                IssueScope scope = new IssueScope(p.all("tracker").isEmpty() ? known : trackers, since, until, p.bool("pulls", false),
                        p.one("label"), IssueScope.ABANDONED_DAYS);
                return new IssueMetrics(c, scopes(p).issueReleases()).run(scope, chosenMetrics, interval, chosen, top);
            });
        });
        get(app, "/trackers", Set.of(), (ctx, p) -> db.read(c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (dev.tributary.store.read.Inventory.Tracker tracker : new dev.tributary.store.read.Inventory(c).trackers()) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("name", tracker.name());
                t.put("kind", tracker.kind());
                t.put("items", tracker.items());
                t.put("openIssues", tracker.openIssues());
                out.add(t);
            }
            return out;
        }));
        get(app, "/times", with(), (ctx, p) -> {
            Scopes.Resolved s = scopes(p).resolve(p);
            Health.Times t = db.read(c -> new Health(c).times(s.scope()));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("weekdays", DAYS);
            out.put("commitsByWeekdayAndHour", Arrays.copyOfRange(t.weekdayHour(), 1, 8));
            List<Map<String, Object>> offsets = new ArrayList<>();
            t.byOffset().forEach((minutes, n) -> {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("offset", offset(minutes));
                o.put("commits", n);
                offsets.add(o);
            });
            out.put("commitsByOffset", offsets);
            return out;
        });
        get(app, "/ecosystem", Set.of("since", "until", "top", "release", "module"), (ctx, p) -> {
            Long since = ecosystemDate(p, "since");
            Long until = ecosystemDate(p, "until");
            if (since != null && until != null && until < since) {
                throw ApiError.badParameter("until", "'" + p.one("until") + "' is before since '" + p.one("since") + "'");
            }
            int top = p.integer("top", 20, 0, 10_000);
            Map<String, String> projectOf = db.scopes().projectOf();
            dev.tributary.metrics.Ecosystem.Selection selection = db.scopes().ecosystem(p.one("release"), p.one("module"),
                    new dev.tributary.model.DateRange(since, until));
            return db.read(c -> dev.tributary.metrics.Ecosystem.compute(dev.tributary.metrics.Ecosystem.duckdb(c, projectOf, selection),
                    new dev.tributary.metrics.Ecosystem.Window(since, until), selection, top));
        });
        get(app, "/organizations", with("top"), (ctx, p) -> {
            Scopes.Resolved s = scopes(p).resolve(p);
            int top = p.integer("top", 50, 0, 10_000);
            return db.read(c -> new ReportQuery(c).run(s.title(), s.scope(), top)).byOrganization();
        });
        get(app, "/organizations/<name>", with("interval", "top"), (ctx, p) -> {
            String name = ctx.pathParam("name");
            Scopes.Resolved s = scopes(p).resolve(p);
            Interval interval = p.choice("interval", Interval.class, Interval.month);
            int top = p.integer("top", 100, 0, 10_000);
            return db.read(c -> {
                Report r = new ReportQuery(c).run(s.title(), s.scope(), Integer.MAX_VALUE);
                Report.Organization org = r.byOrganization().stream().filter(o -> o.name().equals(name)).findFirst()
                        .orElseThrow(() -> ApiError.notFound("no organization '" + name + "' in this scope"));
                List<Point> series = new Health(c).run(s.scope(), List.of(Health.Metric.commits, Health.Metric.contributors),
                        interval, Split.organization, Integer.MAX_VALUE).stream().filter(x -> x.group().equals(name)).toList();
                // its investment: its people, its share per period, its modules or folders
                Investment.View investment = new Investment(c).run(name, s.scope(), interval,
                        s.scope().paths().isEmpty() ? scopes(p).modules() : Map.of(), top);
                // an organization's people, one definition (Investment's, as organization.developers counts them):
                // everyone with a counted commit made while affiliated with it, with the work done for it
                List<Report.Developer> people = investment.people().stream().map(x -> new Report.Developer(x.name(), x.id(), name,
                        x.commits(), x.linesAdded(), x.linesRemoved(), investment.projectCommits() == 0 ? 0 : (double) x.commits() / investment.projectCommits()))
                        .toList();
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("organization", org);
                out.put("people", people);
                out.put("series", series);
                out.put("investment", investment);
                return out;
            });
        });
        get(app, "/lists", Set.of(), (ctx, p) -> db.read(c -> new PatchMetrics(c).lists()));
        get(app, "/patches", Set.of("list", "metric", "interval", "by", "top", "since", "until", "includeBots"), (ctx, p) -> {
            List<PatchMetrics.Metric> metrics = named(p, "a patch metric", PatchMetrics.Metric::find);
            Interval interval = p.choice("interval", Interval.class, null);
            PatchMetrics.By by = p.choice("by", PatchMetrics.By.class, PatchMetrics.By.none);
            int top = p.integer("top", 10, 0, 10_000);
            Window w = window(p, true);
            boolean bots = p.bool("includeBots", false);
            return db.read(c -> {
                Map<String, Integer> known = new PatchMetrics(c).lists();
                List<Integer> ids = new ArrayList<>();
                for (String name : p.all("list")) {
                    Integer id = known.get(name);
                    if (id == null) {
                        throw ApiError.notFound("no list '" + name + "' (known: " + known.keySet() + ")");
                    }
                    ids.add(id);
                }
                if (ids.isEmpty()) {
                    ids.addAll(known.values());
                }
                if (ids.isEmpty()) {
                    return List.of();
                }
                return new PatchMetrics(c).run(new MailScope(ids, w.since(), w.until(), bots), metrics.isEmpty() ? PatchMetrics.all() : metrics,
                        interval, by, top);
            });
        });
        get(app, "/people", Set.of("match", "unknown", "limit"), (ctx, p) -> {
            String match = p.one("match");
            boolean unknown = p.bool("unknown", false);
            int limit = p.integer("limit", 50, 1, 10_000);
            List<PeopleQuery.Person> people = db.read(c -> new PeopleQuery(c).list(unknown, limit,
                    match == null || match.isBlank() ? null : match));
            if (privacy != null && match != null && !match.isBlank()) {
                // while addresses are hidden, match names only: a match on an address would tell it exists
                String m = match.toLowerCase(Locale.ROOT);
                people = people.stream().filter(x -> x.name() != null && x.name().toLowerCase(Locale.ROOT).contains(m)).toList();
            }
            return people;
        });
        get(app, "/people/{id}", Set.of("interval"), (ctx, p) -> {
            String id = privacy == null ? ctx.pathParam("id")
                    : privacy.address(ctx.pathParam("id")).orElseThrow(() -> ApiError.notFound("no person '" + ctx.pathParam("id") + "'"));
            Interval interval = p.choice("interval", Interval.class, Interval.month);
            return db.read(c -> {
                PeopleQuery q = new PeopleQuery(c);
                PeopleQuery.Details d = q.show(id).or(() -> q.individualOf(id).flatMap(q::show))
                        .orElseThrow(() -> ApiError.notFound("no person '" + id + "'"));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("person", d.person());
                out.put("identities", d.identities());
                out.put("enrollments", d.enrollments());
                out.put("stints", d.stints());
                out.put("activity", q.activity(d.person().individual(), interval));
                return out;
            });
        });
        get(app, "/reviews", Set.of("metric", "container", "since", "until", "release", "module", "path", "interval", "by", "top"), (ctx, p) -> {
            ReviewMetrics.ReviewScope s = reviewScope(p);
            List<ReviewMetrics.Metric> metrics = named(p, "a review metric", ReviewMetrics.Metric::of);
            Interval interval = p.choice("interval", Interval.class, null);
            String by = oneOf(p, "by", List.of("organization", "person"));
            int top = p.integer("top", 10, 0, 10_000);
            return db.read(c -> new ReviewMetrics(c).run(s, metrics.isEmpty() ? ReviewMetrics.all() : metrics, interval,
                    by == null ? Split.none : Split.valueOf(by), top));
        });
        get(app, "/reviews/reviewers", Set.of("container", "since", "until", "release", "module", "path", "by", "top"), (ctx, p) -> {
            ReviewMetrics.ReviewScope s = reviewScope(p);
            String by = p.one("by");
            int top = p.integer("top", 50, 0, 10_000);
            return db.read(c -> new ReviewMetrics(c).reviewers(s, "organization".equals(by) ? Split.organization
                    : Split.person, top));
        });
        get(app, "/reviews/matrix", Set.of("container", "since", "until", "release", "module", "path"), (ctx, p) -> {
            ReviewMetrics.ReviewScope s = reviewScope(p);
            return db.read(c -> new ReviewMetrics(c).matrix(s));
        });
        get(app, "/reviews/containers", Set.of(), (ctx, p) -> db.read(c -> List.copyOf(new ReviewMetrics(c).containers().keySet())));
        app.post(PREFIX + "/admin/enroll", ctx -> edit(ctx, body -> {
            String who = text(body, "person", true);
            String org = text(body, "organization", true);
            String from = text(body, "from", false);
            String until = text(body, "until", false);
            Long f = day(from, "from");
            Long u = day(until, "until");
            if (!DateRange.holdsTime(f, u)) {
                throw ApiError.badParameter("until", "'" + until + "' is not after from '" + from + "'");
            }
            individual(who, "person");
            return List.of(Operation.Kind.ENROLL.name(), who.trim().toLowerCase(Locale.ROOT), org.trim(),
                    from == null ? "" : from.trim(), until == null ? "" : until.trim());
        }));
        app.post(PREFIX + "/admin/merge", ctx -> edit(ctx, body -> {
            String into = text(body, "into", true);
            String other = text(body, "other", true);
            if (individual(into, "into").equals(individual(other, "other"))) {
                throw ApiError.badParameter("other", "'" + other + "' is already part of the same individual");
            }
            return List.of(Operation.Kind.MERGE.name(), into.trim().toLowerCase(Locale.ROOT), other.trim().toLowerCase(Locale.ROOT));
        }));
        app.post(PREFIX + "/admin/split", ctx -> edit(ctx, body -> {
            String email = text(body, "email", true);
            individual(email, "email");
            return List.of(Operation.Kind.SPLIT.name(), email.trim().toLowerCase(Locale.ROOT));
        }));
        app.post(PREFIX + "/admin/undo", this::undo);
        app.get(PREFIX + "/admin/log", this::log);
    }

    /**
     * The scopes of a request: the server's project file as a whole, or as the project {@code project=} names (an
     * ecosystem file's {@code projects:}), whose repositories, releases and modules the request then uses.
     */
    private Scopes scopes(Params p) {
        return db.scopes().in(p.one("project"));
    }

    private static Long ecosystemDate(Params p, String name) {
        String v = p.one(name);
        try {
            return dev.tributary.model.Dates.parseOptional(v);
        } catch (IllegalArgumentException e) {
            throw ApiError.badParameter(name, e.getMessage());
        }
    }

    private static Set<String> with(String... more) {
        Set<String> s = new HashSet<>(Scopes.PARAMETERS);
        s.addAll(Arrays.asList(more));
        return s;
    }

    private void get(Javalin app, String path, Set<String> allowed, Read read) {
        io.javalin.http.Handler h = ctx -> {
            Params p = new Params(ctx.queryParamMap(), allowed);
            Request request = new Request(Map.copyOf(ctx.pathParamMap()));
            String key = ctx.path() + "?" + new TreeMap<>(ctx.queryParamMap());
            CompletableFuture<byte[]> mine = new CompletableFuture<>();
            long generation = cacheGeneration.get();
            CompletableFuture<byte[]> cached = cache.putIfAbsent(key, mine);
            byte[] body;
            if (cached == null) {
                try {
                    body = body(read, request, p);
                    mine.complete(body);
                } catch (Throwable e) { // an Error too: a future left unfinished would hang every later request
                    cache.remove(key, mine);
                    mine.completeExceptionally(e);
                    throw e;
                }
                if (cacheGeneration.get() != generation) {
                    // an edit or a new copy landed while this was computed: answer it, and serve it a moment longer while
                    // it is computed again on the new copy in the background (else every client of an answer slower than
                    // the refresh cadence would wait on a cold one after each swap)
                    cache.remove(key, mine);
                    recompute(key, new Replay(read, request, p, new java.util.concurrent.atomic.AtomicLong(1)), body);
                } else {
                    replays.put(key, new Replay(read, request, p, new java.util.concurrent.atomic.AtomicLong(1)));
                }
                if (cachedBytes.addAndGet(body.length + 2L * key.length() + 64) > MAX_CACHED_BYTES
                        || cache.size() > maxCachedAnswers || replays.size() > maxCachedAnswers) {
                    clearCache();
                }
            } else {
                try {
                    body = cached.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : new TributaryException(e.getMessage(), e);
                }
                Replay r = replays.get(key);
                if (r != null) {
                    r.hits().incrementAndGet();
                }
            }
            ctx.contentType("application/json").result(body);
        };
        app.get(PREFIX + path, h);
        app.head(PREFIX + path, h); // the same answer's headers; Jetty sends no body for HEAD
    }

    private byte[] body(Read read, Request request, Params p) throws JsonProcessingException {
        Object answer = read.answer(request, p);
        return privacy == null ? MAPPER.writeValueAsBytes(answer) : MAPPER.writeValueAsBytes(privacy.mask(MAPPER.valueToTree(answer), null));
    }

    /**
     * Before a new copy of the store is swapped in: the answers asked for since the last swap (the working set,
     * most asked for first) computed again on it, kept to replace the cache at the swap; an answer nobody asked
     * for since is dropped, and computed when next asked for. Clients meanwhile get the current copy's answers,
     * at cached speed: the refresh shows once every asked-for answer is ready (no time budget: a cut would leave
     * the slowest answers cold, and every client of one waiting on it after the swap).
     */
    private void warm(Served.Next next) {
        long started = System.nanoTime();
        List<Map.Entry<String, Replay>> asked = new ArrayList<>(replays.entrySet());
        asked.removeIf(e -> e.getValue().hits().get() == 0);
        asked.sort((a, b) -> Long.compare(b.getValue().hits().get(), a.getValue().hits().get()));
        Map<String, byte[]> fresh = new LinkedHashMap<>();
        Map<String, Replay> kept = new LinkedHashMap<>();
        for (Map.Entry<String, Replay> e : asked) {
            Replay r = e.getValue();
            try {
                fresh.put(e.getKey(), next.reading(() -> {
                    try {
                        return body(r.read(), r.request(), r.params());
                    } catch (JsonProcessingException x) {
                        throw new java.io.UncheckedIOException(x);
                    }
                }));
                kept.put(e.getKey(), new Replay(r.read(), r.request(), r.params(), new java.util.concurrent.atomic.AtomicLong()));
            } catch (RuntimeException x) {
                // no longer answerable on the new copy (a repository gone, say): asked again, it answers its error
            }
        }
        if (!asked.isEmpty()) {
            System.err.printf(Locale.ROOT, "tributary serve: %d answers computed on the new copy in %.1f s%n", fresh.size(),
                    (System.nanoTime() - started) / 1e9);
        }
        synchronized (warmedLock) {
            warmed = fresh;
            warmedReplays = kept;
        }
    }

    /** At the swap: the answers warmed on the new copy replace the cache; with none warmed, the cache is cleared. */
    private void swapCache() {
        Map<String, byte[]> fresh;
        Map<String, Replay> kept;
        synchronized (warmedLock) {
            fresh = warmed;
            kept = warmedReplays;
            warmed = null;
            warmedReplays = null;
        }
        if (fresh == null) {
            clearCache();
            return;
        }
        // replaced in place, never emptied first: a request between a clear and the refill would find no answer and
        // compute a cold one on the new copy, with every other client of that key waiting on it
        cacheGeneration.incrementAndGet(); // an answer being computed on the old copy is not kept
        long bytes = 0;
        for (Map.Entry<String, byte[]> e : fresh.entrySet()) {
            cache.put(e.getKey(), CompletableFuture.completedFuture(e.getValue()));
            bytes += e.getValue().length + 2L * e.getKey().length() + 64;
        }
        cache.keySet().removeIf(k -> !fresh.containsKey(k));
        replays.keySet().removeIf(k -> !kept.containsKey(k));
        replays.putAll(kept);
        cachedBytes.set(bytes);
    }

    /**
     * Serves {@code stale} for {@code key} until it is computed again on the current copy, in the background (one at
     * a time); kept only if no further edit or copy landed meanwhile, else left to the next copy's warming.
     */
    private void recompute(String key, Replay replay, byte[] stale) {
        replays.putIfAbsent(key, replay);
        CompletableFuture<byte[]> old = CompletableFuture.completedFuture(stale);
        if (cache.putIfAbsent(key, old) != null) {
            return; // computed again already, or being computed by a request
        }
        refresher.execute(() -> {
            long generation = cacheGeneration.get();
            try {
                byte[] fresh = body(replay.read(), replay.request(), replay.params());
                if (cacheGeneration.get() == generation) {
                    cache.replace(key, old, CompletableFuture.completedFuture(fresh));
                } else {
                    cache.remove(key, old);
                }
            } catch (Exception | Error e) {
                cache.remove(key, old); // asked again, it answers (or fails) on the current copy
            }
        });
    }

    /** Answers in the cache now. */
    int cachedAnswers() {
        return cache.size();
    }

    private void clearCache() {
        cacheGeneration.incrementAndGet();
        cache.clear();
        replays.clear();
        cachedBytes.set(0);
    }

        private interface Edit {
        /** The operation to log: its kind's name, then its arguments. */
        List<String> operation(JsonNode body);
    }

    /** @throws ApiError 403 on a read-only server, 401 without the admin token */
    private void authorize(Context ctx) {
        if (adminToken == null) {
            throw new ApiError(403, null, "read-only server: edits need an --admin-token given at start-up");
        }
        String auth = ctx.header("Authorization");
        byte[] given = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(given, adminToken)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, null, "a valid admin token is needed (Authorization: Bearer TOKEN)");
        }
    }

    /** The audit log, oldest first, each operation with whether it is still in force. Admins only (it names addresses). */
    private void log(Context ctx) throws Exception {
        authorize(ctx);
        List<Operation> ops = db.readStore(store -> store.curation().operations());
        Set<Long> inForce = Operation.inForce(ops);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Operation o : ops) {
            Map<String, Object> m = new LinkedHashMap<>(o.listed());
            m.put("inForce", inForce.contains(o.id()));
            out.add(m);
        }
        ctx.contentType("application/json").result(MAPPER.writeValueAsBytes(out));
    }

    /**
     * Undoes operation {@code id} (default: the latest in force) with every operation of its group, checked against the
     * log on the store itself; answers with the first undo (undoing it restores the whole group).
     */
    private void undo(Context ctx) throws Exception {
        authorize(ctx);
        JsonNode body = body(ctx);
        JsonNode idNode = body.get("id");
        // an integer: 1.5 converts to a long (1) and would undo operation #1
        if (idNode != null && !idNode.isNull() && !(idNode.isIntegralNumber() && idNode.canConvertToLong())) {
            throw ApiError.badParameter("id", "must be an operation number");
        }
        Long id = idNode == null || idNode.isNull() ? null : idNode.asLong();
        // as `tributary undo` does (Curate.undo): every operation of the target's group, checked before anything is
        // logged; an unknown id is a 404 here, the rest of its refusals a 400 on the id
        logged(ctx, (store, who) -> {
            if (id != null && store.curation().operations().stream().noneMatch(o -> o.id() == id)) {
                throw ApiError.notFound("no operation #" + id);
            }
            try {
                return dev.tributary.pipeline.Curate.undo(store, id, who).get(0);
            } catch (TributaryException.InvalidInput e) {
                throw ApiError.badParameter("id", e.getMessage());
            }
        });
    }

    private static JsonNode body(Context ctx) {
        JsonNode body;
        try {
            body = MAPPER.readTree(ctx.bodyAsBytes());
        } catch (java.io.IOException e) {
            throw new ApiError(400, null, "the body is not JSON: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new ApiError(400, null, "the body must be a JSON object");
        }
        return body;
    }

    private void edit(Context ctx, Edit edit) throws Exception {
        authorize(ctx);
        List<String> op = edit.operation(body(ctx));
        logged(ctx, (store, who) -> Resolve.log(store, who, Operation.Kind.valueOf(op.get(0)), op.subList(1, op.size())));
    }

    /** Logs one operation in the store and applies it ({@code Resolve.log}), given who asks. */
    private interface Log {
        Operation log(dev.tributary.store.Store store, String who);
    }

    /**
     * Logs an operation on the store itself (when serving copies, the next copy is published before the answer),
     * re-resolves and answers 201 with the operation's id and text; a write that fails part way clears the answers
     * cached (a success publishes, which swaps the cache).
     */
    private void logged(Context ctx, Log log) throws Exception {
        String who = "tributary serve: " + ctx.method() + " " + ctx.path() + " from " + ctx.ip();
        Operation done;
        try {
            done = db.write(store -> log.log(store, who));
        } catch (RuntimeException e) {
            clearCache(); // a write that failed part way: nothing cached is trusted (a success publishes, which swaps the cache)
            throw e;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", done.id());
        out.put("operation", done.describe());
        ctx.status(201).contentType("application/json").result(MAPPER.writeValueAsBytes(out));
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiError.badParameter(field, "missing");
            }
            return null;
        }
        if (!v.isTextual() || required && v.asText().isBlank()) {
            throw ApiError.badParameter(field, "must be a non-empty string");
        }
        return v.asText();
    }

    /** Containers by name (github/OWNER/REPO, gerrit/HOST/PROJECT; default all) and a window. */
    private ReviewMetrics.ReviewScope reviewScope(Params p) {
        List<String> wanted = new ArrayList<>();
        p.all("container").forEach(v -> wanted.addAll(Arrays.asList(v.split(","))));
        Window window = window(p, false);
        Map<String, Integer> known = db.read(c -> new ReviewMetrics(c).containers());
        List<Integer> ids = new ArrayList<>();
        for (String w : wanted) {
            Integer id = known.get(w.trim());
            if (id == null) {
                throw ApiError.badParameter("container", "no review container '" + w.trim() + "' (see /api/v1/reviews/containers)");
            }
            ids.add(id);
        }
        if (p.one("release") == null && p.all("module").isEmpty() && p.all("path").isEmpty()) {
            return new ReviewMetrics.ReviewScope(ids, window.since(), window.until());
        }
        // the project's release and modules, by the rules (and messages) of every other scope: a release's own window,
        // else the span of its ranges' commits, as its mail; the typed since/until override either end
        Scopes.Resolved r = scopes(p).resolve(p);
        DateRange w = p.one("release") == null ? new DateRange(window.since(), window.until())
                : db.read(c -> new MailMetrics(c).window(r.scope().withPaths(List.of()))); // a module does not narrow the release
        if (w.since() != null && w.until() != null && w.until() <= w.since()) {
            throw ApiError.badParameter(p.one("release") != null ? "release" : "until", "the window ends before it starts");
        }
        return new ReviewMetrics.ReviewScope(ids, w.since(), w.until(), r.scope().paths());
    }

    private static Long day(String text, String field) {
        try {
            return Dates.parseOptional(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.badParameter(field, "'" + text + "' is not a date (YYYY-MM-DD)");
        }
    }

    private String individual(String who, String field) {
        return db.read(c -> new PeopleQuery(c).individualOf(who))
                .orElseThrow(() -> new ApiError(404, field, field + ": no identity with the address '" + who + "'"));
    }

    private static List<Health.Metric> metrics(Params p) {
        List<Health.Metric> out = named(p, "a metric", Health.Metric::of);
        return out.isEmpty() ? Health.all() : out;
    }

    /**
     * The metrics named by the {@code metric} parameters (each may be a comma-separated list), in order; none
     * given: empty.
     *
     * @param find the metric of a name, or null (or {@link TributaryException.InvalidInput}) for none
     * @throws ApiError 400 naming the first name that is not {@code what}
     */
    private static <M> List<M> named(Params p, String what, java.util.function.Function<String, M> find) {
        List<M> out = new ArrayList<>();
        for (String name : p.all("metric")) {
            for (String one : name.split(",")) {
                M m;
                try {
                    m = find.apply(one.trim());
                } catch (TributaryException.InvalidInput e) {
                    m = null;
                }
                if (m == null) {
                    throw ApiError.badParameter("metric", "'" + one + "' is not " + what + " (see /api/v1)");
                }
                out.add(m);
            }
        }
        return out;
    }

    /** The {@code kind} parameter: a kind of contribution or {@code all}; commits when absent. */
    private static String kind(Params p) {
        String kind = p.one("kind");
        if (kind == null) {
            return Scope.COMMITS;
        }
        try {
            return Kinds.check(kind);
        } catch (TributaryException.InvalidInput e) {
            throw ApiError.badParameter("kind", e.getMessage());
        }
    }

    /** The mailing lists a kind other than commits reads: the project file's, when it names any collected, else every collected list. */
    private List<Integer> lists(java.sql.Connection c) {
        Map<String, Integer> known = new PatchMetrics(c).lists();
        List<String> named = db.scopes().listNames();
        List<Integer> ids = named.stream().filter(known::containsKey).map(known::get).toList();
        return ids.isEmpty() ? List.copyOf(known.values()) : ids;
    }

    private static String by(Params p) {
        return oneOf(p, "by", List.of("organization", "person", "module"));
    }

    /** @throws ApiError 400 when the parameter is given and is none of {@code allowed} ("a, b or c") */
    private static String oneOf(Params p, String name, List<String> allowed) {
        String v = p.one(name);
        if (v != null && !allowed.contains(v)) {
            throw ApiError.badParameter(name, "'" + v + "' is not " + String.join(", ", allowed.subList(0, allowed.size() - 1))
                    + " or " + allowed.get(allowed.size() - 1));
        }
        return v;
    }

    /** A window of {@code since} and {@code until} dates, either end open (null). */
    private record Window(Long since, Long until) {
    }

    /**
     * The {@code since} and {@code until} parameters.
     *
     * @param empty whether a window that ends where it starts is allowed (issues and patches: yes; reviews: no)
     * @throws ApiError 400 when the window ends before it starts (or, unless {@code empty}, where it starts)
     */
    private static Window window(Params p, boolean empty) {
        Long since = p.date("since");
        Long until = p.date("until");
        if (since != null && until != null && (empty ? until < since : until <= since)) {
            throw ApiError.badParameter("until", "the window ends before it starts");
        }
        return new Window(since, until);
    }

    private static Map<String, Object> release(Project.Release r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("ranges", r.ranges());
        m.put("since", r.since() == null ? null : Dates.day(r.since()));
        m.put("until", r.until() == null ? null : Dates.day(r.until()));
        return m;
    }

    private static Map<String, Object> index() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", "v1");
        m.put("endpoints", List.of("/api/v1/repositories", "/api/v1/releases", "/api/v1/modules", "/api/v1/summary", "/api/v1/report",
                "/api/v1/metrics", "/api/v1/times", "/api/v1/organizations", "/api/v1/organizations/{name}",
                "/api/v1/people", "/api/v1/people/{id}", "/api/v1/lists", "/api/v1/patches", "/api/v1/reviews",
                "/api/v1/reviews/reviewers", "/api/v1/reviews/matrix", "/api/v1/reviews/containers", "/api/v1/openapi.json",
                "POST /api/v1/admin/enroll", "POST /api/v1/admin/merge", "POST /api/v1/admin/split", "POST /api/v1/admin/undo",
                "/api/v1/admin/log"));
        Map<String, String> metrics = new LinkedHashMap<>();
        Health.all().forEach(x -> metrics.put(x.label(), x.definition()));
        m.put("metrics", metrics);
        Map<String, String> patches = new LinkedHashMap<>();
        PatchMetrics.all().forEach(x -> patches.put(x.label(), x.definition()));
        m.put("patchMetrics", patches);
        Map<String, String> reviewMetrics = new LinkedHashMap<>();
        ReviewMetrics.all().forEach(x -> reviewMetrics.put(x.label(), x.definition()));
        m.put("reviewMetrics", reviewMetrics);
        return m;
    }

    private static String offset(int minutes) {
        int m = Math.abs(minutes);
        return String.format(Locale.ROOT, "%s%02d:%02d", minutes < 0 ? "-" : "+", m / 60, m % 60);
    }

    static byte[] error(String message, String parameter) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        if (parameter != null) {
            m.put("parameter", parameter);
        }
        try {
            return MAPPER.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
