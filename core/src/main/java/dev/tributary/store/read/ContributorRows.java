package dev.tributary.store.read;

import dev.tributary.TributaryException;
import dev.tributary.model.Organizations;
import dev.tributary.model.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows the contributor metrics ({@code metrics.Health}) compute on, read from the contributions read
 * model: DuckDB groups a scope's contributions per period, individual and organization, so a million
 * commits arrive as tens of thousands of rows of integers (organizations travel as hashes of their names,
 * individuals as dense pids). Every value is bound, never concatenated.
 *
 * <p>Stateless over a connection; not thread-safe (the connection is not).
 */
public final class ContributorRows implements ContributorSource {
    /** The units a period can be cut to (DuckDB's {@code date_trunc}, UTC). */
    public static final Set<String> UNITS = Set.of("week", "month", "quarter", "year");

    private final Connection conn;

    public ContributorRows(Connection conn) {
        this.conn = conn;
    }

    /**
     * What is asked of the rows: the period unit (null: one period, the whole window), whether organizations
     * are resolved (else every row is Unknown and the resolution is skipped), whether people's names are read.
     */
    public record Ask(String unit, boolean organizations, boolean names) {
        public Ask {
            if (unit != null && !UNITS.contains(unit)) {
                throw new IllegalArgumentException("no such period unit '" + unit + "' (" + UNITS + ")");
            }
        }
    }

    /**
     * Per period (its start, epoch seconds; 0 without a unit), individual (pid) and organization (a dense id,
     * 0 = Unknown), in period order: the counted contributions, their lines, the bot flag and the first
     * contribution's time, as parallel arrays. pids run from 0 to {@link #people()} - 1 (only some in the rows).
     */
    public static final class Rows {
        private int people;
        private final Map<Integer, String> ids = new HashMap<>();
        private final Map<Integer, String> names = new HashMap<>();
        private final Map<String, Integer> orgIds = new HashMap<>();
        private final List<String> orgNames = new ArrayList<>();
        private int size;
        private long[] period = new long[1024];
        private int[] pid = new int[1024];
        private int[] oid = new int[1024];
        private boolean[] bot = new boolean[1024];
        private long[] commits = new long[1024];
        private long[] added = new long[1024];
        private long[] removed = new long[1024];
        private long[] first = new long[1024];

        Rows() {
            organization(Organizations.UNKNOWN);
        }

        /** Empty rows over {@code people} pids, for a {@link ContributorSource} other than the store's to fill. */
        public static Rows of(int people) {
            Rows r = new Rows();
            r.people = people;
            return r;
        }

        /** Records a person's individual id and (keeping the least) display name, when names are asked for. */
        public void person(int pid, String individual, String name) {
            ids.put(pid, individual);
            if (name != null) {
                names.merge(pid, name, (x, y) -> x.compareTo(y) <= 0 ? x : y);
            }
        }

        /** The dense id of an organization seen so far, or null. */
        public Integer organizationId(String name) {
            return orgIds.get(name);
        }

        /** The dense id of an organization, given one when first seen. */
        public int organization(String name) {
            Integer id = orgIds.get(name);
            if (id == null) {
                id = orgNames.size();
                orgIds.put(name, id);
                orgNames.add(name);
            }
            return id;
        }

        public int size() {
            return size;
        }

        /** How many pids there are (the store numbers every individual, in scope or not). */
        public int people() {
            return people;
        }

        /** How many organization ids there are (0 is Unknown). */
        public int organizations() {
            return orgNames.size();
        }

        public String organizationName(int oid) {
            return orgNames.get(oid);
        }

        /** A person's display name when names were asked for, else their individual id, else {@code #pid}. */
        public String name(int pid) {
            return names.getOrDefault(pid, ids.getOrDefault(pid, "#" + pid));
        }

        /** A person's individual id (names asked for), or null. */
        public String individual(int pid) {
            return ids.get(pid);
        }

        public long period(int k) {
            return period[k];
        }

        public int pid(int k) {
            return pid[k];
        }

        public int oid(int k) {
            return oid[k];
        }

        public boolean bot(int k) {
            return bot[k];
        }

        public long commits(int k) {
            return commits[k];
        }

        public long added(int k) {
            return added[k];
        }

        public long removed(int k) {
            return removed[k];
        }

        /** The time of the row's first contribution. */
        public long first(int k) {
            return first[k];
        }

        /** Appends a row (rows come in period order). */
        public void add(long p, int who, int org, boolean b, long c, long a, long r, long f) {
            if (size == period.length) {
                int n = size * 2;
                period = Arrays.copyOf(period, n);
                pid = Arrays.copyOf(pid, n);
                oid = Arrays.copyOf(oid, n);
                bot = Arrays.copyOf(bot, n);
                commits = Arrays.copyOf(commits, n);
                added = Arrays.copyOf(added, n);
                removed = Arrays.copyOf(removed, n);
                first = Arrays.copyOf(first, n);
            }
            first[size] = f;
            period[size] = p;
            pid[size] = who;
            oid[size] = org;
            bot[size] = b;
            commits[size] = c;
            added[size] = a;
            removed[size] = r;
            size++;
        }
    }

    /** The scope's counted contributions, grouped as {@link Rows} says. */
    @Override
    public Rows rows(Scope scope, Ask ask) {
        boolean organization = ask.organizations();
        String sql = Activity.lean(scope, ask.names())
                + "SELECT CASE WHEN ? IS NULL THEN 0 ELSE epoch(date_trunc(?, make_timestamp(author_epoch * 1000000)))::BIGINT END AS p,"
                + " pid, " + (ask.names() ? "min(display_name)" : "NULL") + ", " + (organization ? "CASE WHEN organization IS NULL THEN NULL ELSE (hash(organization) >> 1)::BIGINT END" : "NULL")
                + ", bool_or(is_bot), count(*), coalesce(sum(lines_added), 0)::BIGINT, coalesce(sum(lines_removed), 0)::BIGINT,"
                + " min(author_epoch) FROM "
                + (organization ? "r" : "a") + " WHERE " + Activity.counted(scope) + " GROUP BY ALL ORDER BY p";
        try {
            Rows out = new Rows();
            out.people = people();
            // organizations travel as hashes of their names (a 63-bit hash of every name an affiliation can give,
            // checked for collisions; DuckDB hashes NULL too, so Unknown stays NULL), so a long series moves no strings
            Map<Long, Integer> orgByHash = new HashMap<>();
            if (organization) {
                try (java.sql.Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT organization, (hash(organization) >> 1)::BIGINT FROM (SELECT organization FROM enrollments"
                                + " UNION SELECT organization FROM email_affiliations) WHERE organization <> '" + Organizations.UNKNOWN + "'")) {
                    while (rs.next()) {
                        if (orgByHash.put(rs.getLong(2), out.organization(rs.getString(1))) != null) {
                            throw new SQLException("two organization names share a hash: " + rs.getString(1));
                        }
                    }
                }
            }
            if (ask.names()) {
                try (java.sql.Statement st = conn.createStatement();
                     ResultSet rs = st.executeQuery("SELECT pid, min(individual) FROM contribution_people GROUP BY pid")) {
                    while (rs.next()) {
                        out.ids.put(rs.getInt(1), rs.getString(2));
                    }
                }
            }
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                int i = Activity.bind(ps, scope);
                ps.setString(i++, ask.unit());
                ps.setString(i, ask.unit() == null ? "year" : ask.unit());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int who = rs.getInt(2);
                        if (ask.names()) {
                            String name = rs.getString(3);
                            out.names.merge(who, name, (x, y) -> x.compareTo(y) <= 0 ? x : y);
                        }
                        int org = 0; // Unknown, and all when organizations are not asked for
                        if (organization) {
                            long h = rs.getLong(4);
                            org = rs.wasNull() ? 0 : orgByHash.get(h);
                        }
                        out.add(rs.getLong(1), who, org, rs.getBoolean(5), rs.getLong(6),
                                rs.getLong(7), rs.getLong(8), rs.getLong(9));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * When people work: counted contributions (bots left out unless the scope includes them) by ISO weekday
     * (1 = Monday) and hour in the actor's own UTC offset ({@code grid[weekday][hour]}), and by that offset
     * in minutes east of UTC.
     */
    public record Times(long[][] weekdayHour, Map<Integer, Long> byOffset) {
    }

    public Times times(Scope scope) {
        long[][] grid = new long[8][24];
        Map<Integer, Long> offsets = new java.util.TreeMap<>();
        String sql = Activity.with(scope)
                // local time = UTC + offset; 1970-01-01 was a Thursday (ISO weekday 4)
                + "SELECT (CAST(floor((author_epoch + 60 * CAST(author_offset AS BIGINT)) / 86400.0) AS BIGINT) % 7 + 7 + 3) % 7 + 1,"
                + " CAST(floor((((author_epoch + 60 * CAST(author_offset AS BIGINT)) % 86400 + 86400) % 86400) / 3600) AS INTEGER),"
                + " author_offset, count(*)"
                + " FROM a WHERE " + Activity.countedPeople(scope) + " GROUP BY ALL";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            Activity.bind(ps, scope);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    grid[rs.getInt(1)][rs.getInt(2)] += rs.getLong(4);
                    offsets.merge(rs.getInt(3), rs.getLong(4), Long::sum);
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return new Times(grid, offsets);
    }

    /**
     * Each organization's first counted contribution over the scope's whole history (the window ignored), by
     * the ids of {@code rows}; bots left out unless the scope includes them, Unknown never an organization.
     * Those with none get {@link Long#MAX_VALUE}.
     */
    @Override
    public long[] firstByOrganization(Scope scope, Rows rows) {
        long[] out = new long[rows.organizations()];
        Arrays.fill(out, Long.MAX_VALUE);
        Scope history = scope.withWindow(null, null);
        try (PreparedStatement ps = conn.prepareStatement(Activity.lean(history, false)
                + "SELECT organization, min(author_epoch) FROM r WHERE " + Activity.countedPeople(scope)
                + " AND organization IS NOT NULL GROUP BY ALL")) {
            Activity.bind(ps, history);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Integer id = rows.orgIds.get(rs.getString(1));
                    if (id != null) {
                        out[id] = rs.getLong(2);
                    }
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    /** Each individual's first counted contribution over the scope's whole history, by pid ({@link Long#MAX_VALUE}: none). */
    @Override
    public long[] firstByPerson(Scope scope, int people) {
        long[] out = new long[people];
        Arrays.fill(out, Long.MAX_VALUE);
        Scope history = scope.withWindow(null, null);
        try (PreparedStatement ps = conn.prepareStatement(Activity.lean(history, false) + "SELECT pid, min(author_epoch) FROM a WHERE "
                + Activity.countedPeople(scope) + " GROUP BY ALL")) {
            Activity.bind(ps, history);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out[rs.getInt(1)] = rs.getLong(2);
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    /**
     * Sets the pids of the individuals with counted contributions in the scope's window, and (when asked) the
     * ids in {@code rows} of the organizations they were made for, Unknown and Independent left out.
     */
    @Override
    public void active(Scope scope, boolean organizations, Rows rows, BitSet people, BitSet orgs) {
        try (PreparedStatement ps = conn.prepareStatement(Activity.lean(scope, false)
                + "SELECT DISTINCT pid, " + (organizations ? "organization" : "NULL") + " FROM " + (organizations ? "r" : "a")
                + " WHERE " + Activity.countedPeople(scope))) {
            Activity.bind(ps, scope);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    people.set(rs.getInt(1));
                    String org = rs.getString(2);
                    if (org != null && !org.equals(Organizations.UNKNOWN) && !org.equals(Organizations.INDEPENDENT)) {
                        orgs.set(rows.organization(org));
                    }
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The first and last counted contribution's time in the scope ({first, last}), or null when it has none. */
    @Override
    public long[] span(Scope scope) {
        return firstAndLast(scope, Activity.countedPeople(scope));
    }

    /**
     * The first and last non-merge commit's time in the scope's window ({first, last}), bots included, or null
     * when it has none: the dates of a release's commits, for the mail that goes with it.
     */
    public long[] nonMergeSpan(Scope scope) {
        return firstAndLast(scope, "NOT is_merge");
    }

    /** The first and last time of the scope's contributions that meet {@code condition} ({first, last}), or null when none does. */
    private long[] firstAndLast(Scope scope, String condition) {
        try (PreparedStatement ps = conn.prepareStatement(Activity.lean(scope, false)
                + "SELECT min(author_epoch), max(author_epoch) FROM a WHERE " + condition)) {
            Activity.bind(ps, scope);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1) == null ? null : new long[] {rs.getLong(1), rs.getLong(2)};
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /*
     * The same reads over the Parquet export's relations, for engines that read the export (Spark SQL): those of
     * PersonRows' export queries, and eco_people (individual, pid: a dense number for each individual of the
     * export). The period is the UTC start of the unit (the session's time zone must be UTC). Kept beside the
     * store's queries above so that the two move together.
     */

    /** {@link #rows}: (period, pid, name or null, organization or null, bot, commits, added, removed, first), in period order. */
    public static String rowsOverExport(Scope scope, Ask ask) {
        String p = ask.unit() == null ? "CAST(0 AS BIGINT)" : "unix_seconds(date_trunc('" + ask.unit() + "', timestamp_seconds(sc.at_epoch)))";
        String org = ask.organizations() ? "z.organization" : "CAST(NULL AS STRING)";
        return "WITH " + PersonRows.exportScoped(scope.since(), scope.until(), scope.includeMerges(), true, !scope.paths().isEmpty())
                + " SELECT " + p + " AS p, pe.pid, " + (ask.names() ? "min(sc.display_name)" : "CAST(NULL AS STRING)") + ", " + org
                + ", bool_or(sc.is_bot), count(*), coalesce(sum(sc.lines_added), 0), coalesce(sum(sc.lines_removed), 0), min(sc.at_epoch)"
                + " FROM sc JOIN eco_people pe ON pe.individual = sc.individual"
                + (ask.organizations() ? PersonRows.exportOrganization("sc", "at_epoch") : "")
                + " GROUP BY 1, pe.pid" + (ask.organizations() ? ", z.organization" : "") + " ORDER BY p";
    }

    /** {@link #firstByOrganization}: (organization, first) over the scope's whole history. */
    public static String firstByOrganizationOverExport(Scope scope) {
        return "WITH " + PersonRows.exportScoped(null, null, scope.includeMerges(), scope.includeBots(), !scope.paths().isEmpty())
                + " SELECT z.organization, min(sc.at_epoch) FROM sc" + PersonRows.exportOrganization("sc", "at_epoch")
                + " WHERE z.organization IS NOT NULL GROUP BY z.organization";
    }

    /** {@link #firstByPerson}: (pid, first) over the scope's whole history. */
    public static String firstByPersonOverExport(Scope scope) {
        return "WITH " + PersonRows.exportScoped(null, null, scope.includeMerges(), scope.includeBots(), !scope.paths().isEmpty())
                + " SELECT pe.pid, min(sc.at_epoch) FROM sc JOIN eco_people pe ON pe.individual = sc.individual GROUP BY pe.pid";
    }

    /** {@link #active}: distinct (pid, organization or null) in the scope's window. */
    public static String activeOverExport(Scope scope, boolean organizations) {
        return "WITH " + PersonRows.exportScoped(scope.since(), scope.until(), scope.includeMerges(), scope.includeBots(),
                !scope.paths().isEmpty())
                + " SELECT DISTINCT pe.pid, " + (organizations ? "z.organization" : "CAST(NULL AS STRING)")
                + " FROM sc JOIN eco_people pe ON pe.individual = sc.individual"
                + (organizations ? PersonRows.exportOrganization("sc", "at_epoch") : "");
    }

    /** {@link #span}: one row (first, last), nulls when the scope has none. */
    public static String spanOverExport(Scope scope) {
        return "WITH " + PersonRows.exportScoped(scope.since(), scope.until(), scope.includeMerges(), scope.includeBots(),
                !scope.paths().isEmpty())
                + " SELECT min(sc.at_epoch), max(sc.at_epoch) FROM sc";
    }

    private int people() throws SQLException {
        try (java.sql.Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT coalesce(max(pid), -1) + 1 FROM contribution_people")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static TributaryException.StoreFailure failure(SQLException e) {
        return new TributaryException.StoreFailure("metrics query failed: " + e.getMessage(), e);
    }
}
