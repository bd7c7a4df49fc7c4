package dev.tributary.store;

import dev.tributary.model.Curated;
import dev.tributary.model.Operation;
import dev.tributary.model.Policy;
import dev.tributary.model.Resolution;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The identity tables: curated facts per source file (replaced whole on re-import), the audit log of
 * manual operations (append-only; undo is itself an operation), and the resolution derived from both,
 * which metrics join at query time.
 */
public final class Curation extends Tables {

    Curation(Store store) {
        super(store);
    }

    static void createVersion3(Statement st) throws SQLException {
        st.execute("CREATE TABLE curated_sources(seq INTEGER NOT NULL, source VARCHAR NOT NULL, kind VARCHAR NOT NULL,"
                + " imported_at TIMESTAMP NOT NULL, problems INTEGER NOT NULL, digest VARCHAR)");
        st.execute("CREATE TABLE curated_aliases(source VARCHAR NOT NULL, email VARCHAR NOT NULL, canonical VARCHAR NOT NULL)");
        st.execute("CREATE TABLE curated_enrollments(source VARCHAR NOT NULL, email VARCHAR NOT NULL, organization VARCHAR NOT NULL,"
                + " from_epoch BIGINT, until_epoch BIGINT)");
        st.execute("CREATE TABLE curated_domains(source VARCHAR NOT NULL, domain VARCHAR NOT NULL, organization VARCHAR NOT NULL,"
                + " from_epoch BIGINT, until_epoch BIGINT)");
        st.execute("CREATE TABLE curated_org_aliases(source VARCHAR NOT NULL, alias VARCHAR NOT NULL, organization VARCHAR NOT NULL)");
        st.execute("CREATE TABLE curated_mailmaps(source VARCHAR NOT NULL, text VARCHAR NOT NULL)");
        st.execute("CREATE TABLE operations(id BIGINT NOT NULL, logged_at TIMESTAMP NOT NULL, origin VARCHAR NOT NULL,"
                + " kind VARCHAR NOT NULL, args VARCHAR[] NOT NULL)");
        // derived: rebuilt from the tables above by every import and operation
        st.execute("CREATE TABLE individual_of(email VARCHAR NOT NULL, individual VARCHAR NOT NULL)");
        st.execute("CREATE TABLE enrollments(email VARCHAR NOT NULL, organization VARCHAR NOT NULL,"
                + " from_epoch BIGINT, until_epoch BIGINT, rank INTEGER NOT NULL, origin VARCHAR NOT NULL)");
        st.execute("CREATE TABLE email_affiliations(email VARCHAR NOT NULL, organization VARCHAR NOT NULL,"
                + " from_epoch BIGINT, until_epoch BIGINT, rank INTEGER NOT NULL)");
    }

    /**
     * v8: the identity settings a project overrides ({@code mailmap}, {@code mergeByName}, {@code unmatched}) and
     * the policy the people were last resolved under; operations logged together ({@code identities apply})
     * share a group, undone as one.
     */
    static void createVersion9(Statement st) throws SQLException {
        st.execute("CREATE TABLE identity_settings(key VARCHAR NOT NULL, value VARCHAR NOT NULL)");
        st.execute("ALTER TABLE operations ADD COLUMN grp BIGINT");
    }

    /** The overrides stored by the last project run (none by default). */
    public Policy.Overrides overrides() {
        Map<String, String> m = settings();
        return new Policy.Overrides(m.containsKey("rules") ? Policy.Rules.valueOf(m.get("rules")) : null,
                m.containsKey("mailmap") ? Boolean.valueOf(m.get("mailmap")) : null,
                m.containsKey("mergeByName") ? Boolean.valueOf(m.get("mergeByName")) : null,
                m.containsKey("unmatched") ? Policy.Unmatched.valueOf(m.get("unmatched")) : null);
    }

    /** The policy in force: the rules of the curated sources stored, with the stored overrides. */
    public Policy policy() {
        return Policy.of(strings("SELECT DISTINCT kind FROM curated_sources"), overrides());
    }

    /** Stores a project's overrides; returns whether they differ from those stored. */
    public boolean setOverrides(Policy.Overrides o) {
        if (o.equals(overrides())) {
            return false;
        }
        store.transaction("storing identity settings", () -> {
            try (Statement st = conn.createStatement()) {
                st.execute("DELETE FROM identity_settings WHERE key IN ('rules', 'mailmap', 'mergeByName', 'unmatched')");
                markPending(st, Pending.people); // whether .mailmaps apply may have changed
            }
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO identity_settings VALUES (?, ?)")) {
                for (String[] kv : new String[][] {{"rules", o.rules() == null ? null : o.rules().name()}, {"mailmap", o.mailmap() == null ? null : o.mailmap().toString()},
                        {"mergeByName", o.mergeByName() == null ? null : o.mergeByName().toString()},
                        {"unmatched", o.unmatched() == null ? null : o.unmatched().name()}}) {
                    if (kv[1] != null) {
                        ps.setString(1, kv[0]);
                        ps.setString(2, kv[1]);
                        ps.executeUpdate();
                    }
                }
            }
        });
        return true;
    }

    /** The policy the people were last resolved under, as {@link Policy#toString()}. */
    public java.util.Optional<String> appliedPolicy() {
        return java.util.Optional.ofNullable(settings().get("applied"));
    }

    /** Records the policy the people were resolved under. */
    public void setAppliedPolicy(Policy p) {
        store.transaction("storing identity settings", () -> {
            try (Statement st = conn.createStatement()) {
                st.execute("DELETE FROM identity_settings WHERE key = 'applied'");
            }
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO identity_settings VALUES ('applied', ?)")) {
                ps.setString(1, p.toString());
                ps.executeUpdate();
            }
        });
    }

    /**
     * What a write left for the resolution to redo, if anything: {@code people} (a curated .mailmap changed, so every
     * source's raw identities are mapped again, then resolved) or {@code resolution} (identities, curated facts or
     * the audit log changed). The mark is written inside the write's own transaction and cleared inside the
     * resolution's, so a run killed between the two leaves it for the next run ({@code Resolve.ifPending}).
     */
    public java.util.Optional<Pending> pending() {
        return java.util.Optional.ofNullable(settings().get("pending")).map(v -> v.equals("people") ? Pending.people : Pending.resolution);
    }

    /** What is left to redo: see {@link #pending()}. */
    public enum Pending {
        people, resolution
    }

    /** Marks the resolution pending (keeping a {@code people} mark), inside the caller's transaction. */
    void markPending(Statement st, Pending level) throws SQLException {
        if (level == Pending.people) {
            st.execute("DELETE FROM identity_settings WHERE key = 'pending'");
            st.execute("INSERT INTO identity_settings VALUES ('pending', 'people')");
        } else { // unless something is pending already (an earlier build's 'operation N' mark is a resolution too)
            st.execute("INSERT INTO identity_settings SELECT 'pending', 'resolution'"
                    + " WHERE NOT EXISTS (SELECT 1 FROM identity_settings WHERE key = 'pending')");
        }
    }

    /** Records that every source's raw identities were mapped again: what is left pending is the resolution. */
    public void peopleMapped() {
        store.transaction("storing identity settings", () -> {
            try (Statement st = conn.createStatement()) {
                st.execute("UPDATE identity_settings SET value = 'resolution' WHERE key = 'pending' AND value = 'people'");
            }
        });
    }

    private Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        store.each("reading identity settings", "SELECT key, value FROM identity_settings", rs -> m.put(rs.getString(1), rs.getString(2)));
        return m;
    }

    /**
     * Every organization name the store knows, lower-cased: resolved ones (enrollments, domain rules and guesses),
     * curated ones and their aliases, and names given by operations.
     */
    public Set<String> organizationNames() {
        Set<String> out = strings("SELECT lower(organization) FROM enrollments UNION SELECT lower(organization) FROM email_affiliations"
                + " UNION SELECT lower(organization) FROM curated_enrollments UNION SELECT lower(organization) FROM curated_domains"
                + " UNION SELECT lower(alias) FROM curated_org_aliases UNION SELECT lower(organization) FROM curated_org_aliases");
        for (Operation op : operations()) {
            if (op.kind() == Operation.Kind.ORG_ALIAS || op.kind() == Operation.Kind.ENROLL || op.kind() == Operation.Kind.ORG_DOMAIN) {
                out.add(op.args().get(op.kind() == Operation.Kind.ORG_ALIAS ? 0 : 1).trim().toLowerCase(java.util.Locale.ROOT));
                if (op.kind() == Operation.Kind.ORG_ALIAS) {
                    out.add(op.args().get(1).trim().toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** The curated state as the peers' formats carry it: individuals with their addresses and names, enrollments, domains. */
    public record Export(Map<String, Map.Entry<String, List<String>>> individuals, Map<String, List<Curated.Enrollment>> enrollments,
            List<Curated.DomainRule> domains, List<Curated.OrgAlias> orgAliases) {
    }

    /**
     * The curated state: every individual (id → display name and addresses, the id first), the enrollments of each
     * (manual, and curated as the files said them), the curated and manual domain rules, and the
     * organization aliases.
     */
    public Export export() {
        Map<String, Map.Entry<String, List<String>>> individuals = new java.util.TreeMap<>();
        Map<String, List<Curated.Enrollment>> enrollments = new java.util.TreeMap<>();
        List<Curated.DomainRule> domains = new ArrayList<>();
        try (Statement st = conn.createStatement()) {
            try (ResultSet rs = st.executeQuery("WITH n AS (SELECT person, arg_max(display_name, c) AS name FROM"
                    + " (SELECT person, display_name, count(*) AS c FROM identities GROUP BY ALL) GROUP BY person)"
                    + " SELECT io.individual, list(io.email ORDER BY io.email <> io.individual, io.email), max(n.name) FROM individual_of io"
                    + " LEFT JOIN n ON n.person = io.email GROUP BY io.individual ORDER BY 1")) {
                while (rs.next()) {
                    List<String> emails = new ArrayList<>();
                    for (Object o : (Object[]) rs.getArray(2).getArray()) {
                        emails.add((String) o);
                    }
                    individuals.put(rs.getString(1), java.util.Map.entry(rs.getString(3) == null ? "" : rs.getString(3), emails));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT DISTINCT coalesce(io.individual, e.email), e.organization, e.from_epoch, e.until_epoch"
                    + " FROM (SELECT email, organization, from_epoch, until_epoch FROM enrollments WHERE rank = 0"
                    + "  UNION ALL SELECT email, organization, from_epoch, until_epoch FROM curated_enrollments) e"
                    + " LEFT JOIN individual_of io ON io.email = e.email ORDER BY 1, 3 NULLS FIRST, 2")) {
                while (rs.next()) {
                    enrollments.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Curated.Enrollment(rs.getString(1),
                            rs.getString(2), (Long) rs.getObject(3), (Long) rs.getObject(4)));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT DISTINCT domain, organization, from_epoch, until_epoch FROM curated_domains"
                    + " ORDER BY 1, 3 NULLS FIRST, 2")) {
                while (rs.next()) {
                    domains.add(new Curated.DomainRule(rs.getString(1), rs.getString(2), (Long) rs.getObject(3), (Long) rs.getObject(4)));
                }
            }
        } catch (SQLException e) {
            throw store.failure("reading the curated state", e);
        }
        List<Curated.OrgAlias> aliases = new ArrayList<>();
        for (Curated c : curatedOrgAliases()) {
            aliases.addAll(c.orgAliases());
        }
        for (Operation op : Operation.active(operations())) {
            if (op.kind() == Operation.Kind.ORG_DOMAIN) {
                domains.add(new Curated.DomainRule(op.args().get(0), op.args().get(1), dev.tributary.model.Dates.parseOptional(op.args().get(2)),
                        dev.tributary.model.Dates.parseOptional(op.args().get(3))));
            } else if (op.kind() == Operation.Kind.ORG_ALIAS) {
                aliases.add(new Curated.OrgAlias(op.args().get(0), op.args().get(1)));
            }
        }
        return new Export(individuals, enrollments, domains, aliases);
    }

    /** Raw author addresses that a .mailmap maps to another address, with that address (the first, if several). */
    public Map<String, String> mailmapped() {
        Map<String, String> out = new java.util.HashMap<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT lower(email), min(person) FROM identities WHERE lower(email) <> person"
                     + " AND email <> '' GROUP BY 1")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw store.failure("reading identities", e);
        }
        return out;
    }

    /** Exact author and sender names (trimmed), each with the person emails seen under it: for merging by name. */
    public Map<String, List<String>> names() {
        Map<String, List<String>> out = new java.util.HashMap<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT trim(name), person FROM identities WHERE NOT is_bot"
                     + " UNION SELECT DISTINCT trim(name), person FROM mail_identities")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        } catch (SQLException e) {
            throw store.failure("reading identities", e);
        }
        return out;
    }

    /** Replaces everything {@code c.source()} said before with what it says now, in one transaction. */
    public void importSource(Curated c, String kind) {
        importSource(c, kind, null);
    }

    /** The digest recorded with {@code source}'s last import, if any. */
    public java.util.Optional<String> sourceDigest(String source) {
        try (PreparedStatement ps = conn.prepareStatement("SELECT digest FROM curated_sources WHERE source = ?")) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.ofNullable(rs.getString(1)) : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw store.failure("reading curated sources", e);
        }
    }

    /** {@link #importSource(Curated, String)}, recording {@code digest} of what was imported. */
    public void importSource(Curated c, String kind, String digest) {
        importSource(c, kind, digest, null);
    }

    /**
     * {@link #importSource(Curated, String, String)} of a curated .mailmap whose text is {@code mailmap} (null for
     * other kinds): the facts, the text and the digest land in one transaction, so a killed import leaves either
     * nothing or all of it, with the resolution marked pending.
     */
    public void importSource(Curated c, String kind, String digest, String mailmap) {
        store.transaction("importing " + c.source(), () -> {
            boolean newKind;
            try (PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM curated_sources WHERE kind = ?")) {
                ps.setString(1, kind);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    newKind = rs.getLong(1) == 0;
                }
            }
            try (Statement st = conn.createStatement()) { // a new kind may bring its peer's rules on .mailmaps
                markPending(st, mailmap != null || newKind ? Pending.people : Pending.resolution);
            }
            int seq;
            try (PreparedStatement ps = conn.prepareStatement("SELECT seq FROM curated_sources WHERE source = ?")) {
                ps.setString(1, c.source());
                try (ResultSet rs = ps.executeQuery()) {
                    seq = rs.next() ? rs.getInt(1) : -1;
                }
            }
            if (seq < 0) {
                try (Statement st = conn.createStatement();
                     ResultSet rs = st.executeQuery("SELECT coalesce(max(seq), 0) + 1 FROM curated_sources")) {
                    rs.next();
                    seq = rs.getInt(1);
                }
            }
            for (String table : List.of("curated_sources", "curated_aliases", "curated_enrollments", "curated_domains",
                    "curated_org_aliases", "curated_mailmaps")) {
                try (PreparedStatement del = conn.prepareStatement("DELETE FROM " + table + " WHERE source = ?")) {
                    del.setString(1, c.source());
                    del.executeUpdate();
                }
            }
            try (PreparedStatement ins = conn.prepareStatement("INSERT INTO curated_sources VALUES (?, ?, ?, ?, ?, ?)")) {
                ins.setInt(1, seq);
                ins.setString(2, c.source());
                ins.setString(3, kind);
                ins.setTimestamp(4, Timestamp.from(Instant.now()));
                ins.setInt(5, c.problems().size());
                ins.setString(6, digest);
                ins.executeUpdate();
            }
            DuckDBConnection dc = conn.unwrap(DuckDBConnection.class);
            try (DuckDBAppender a = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "curated_aliases")) {
                for (Curated.Alias x : c.aliases()) {
                    row(a, c.source(), x.email(), x.canonical());
                }
            }
            try (DuckDBAppender a = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "curated_enrollments")) {
                for (Curated.Enrollment x : c.enrollments()) {
                    row(a, c.source(), x.email(), x.organization(), x.from(), x.until());
                }
            }
            try (DuckDBAppender a = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "curated_domains")) {
                for (Curated.DomainRule x : c.domains()) {
                    row(a, c.source(), x.domain(), x.organization(), x.from(), x.until());
                }
            }
            try (DuckDBAppender a = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "curated_org_aliases")) {
                for (Curated.OrgAlias x : c.orgAliases()) {
                    row(a, c.source(), x.alias(), x.organization());
                }
            }
            if (mailmap != null) {
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO curated_mailmaps VALUES (?, ?)")) {
                    ps.setString(1, c.source());
                    ps.setString(2, mailmap);
                    ps.executeUpdate();
                }
            }
        });
    }

    /** The curated .mailmap texts, in import order: applied over each repository's own. */
    public List<String> mailmaps() {
        List<String> out = new ArrayList<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT m.text FROM curated_mailmaps m JOIN curated_sources s ON s.source = m.source"
                     + " ORDER BY s.seq")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw store.failure("reading curated mailmaps", e);
        }
        return out;
    }

    /** Every imported source's facts, in first-import order (problems are not kept). */
    public List<Curated> curated() {
        Map<String, List<Object>[]> bySource = new LinkedHashMap<>();
        try {
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT source FROM curated_sources ORDER BY seq")) {
                while (rs.next()) {
                    @SuppressWarnings("unchecked")
                    List<Object>[] lists = new List[] {new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>()};
                    bySource.put(rs.getString(1), lists);
                }
            }
            try (Statement st = conn.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT source, email, canonical FROM curated_aliases")) {
                    while (rs.next()) {
                        bySource.get(rs.getString(1))[0].add(new Curated.Alias(rs.getString(2), rs.getString(3)));
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT source, email, organization, from_epoch, until_epoch FROM curated_enrollments")) {
                    while (rs.next()) {
                        bySource.get(rs.getString(1))[1].add(new Curated.Enrollment(rs.getString(2), rs.getString(3),
                                (Long) rs.getObject(4), (Long) rs.getObject(5)));
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT source, domain, organization, from_epoch, until_epoch FROM curated_domains")) {
                    while (rs.next()) {
                        bySource.get(rs.getString(1))[2].add(new Curated.DomainRule(rs.getString(2), rs.getString(3),
                                (Long) rs.getObject(4), (Long) rs.getObject(5)));
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT source, alias, organization FROM curated_org_aliases")) {
                    while (rs.next()) {
                        bySource.get(rs.getString(1))[3].add(new Curated.OrgAlias(rs.getString(2), rs.getString(3)));
                    }
                }
            }
        } catch (SQLException e) {
            throw store.failure("reading curated data", e);
        }
        List<Curated> out = new ArrayList<>();
        for (var e : bySource.entrySet()) {
            List<Object>[] l = e.getValue();
            out.add(new Curated(e.getKey(), cast(l[0]), cast(l[1]), cast(l[2]), cast(l[3]), List.of()));
        }
        return out;
    }

    /** Only the organization aliases of every source, in import order (cheaper than {@link #curated()}). */
    public List<Curated> curatedOrgAliases() {
        List<Curated> out = new ArrayList<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT a.source, a.alias, a.organization FROM curated_org_aliases a"
                     + " JOIN curated_sources s ON s.source = a.source ORDER BY s.seq")) {
            String source = null;
            List<Curated.OrgAlias> aliases = new ArrayList<>();
            while (rs.next()) {
                if (source != null && !source.equals(rs.getString(1))) {
                    out.add(new Curated(source, List.of(), List.of(), List.of(), aliases, List.of()));
                    aliases = new ArrayList<>();
                }
                source = rs.getString(1);
                aliases.add(new Curated.OrgAlias(rs.getString(2), rs.getString(3)));
            }
            if (source != null) {
                out.add(new Curated(source, List.of(), List.of(), List.of(), aliases, List.of()));
            }
        } catch (SQLException e) {
            throw store.failure("reading organization aliases", e);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(List<Object> l) {
        return (List<T>) (List<?>) l;
    }

    /**
     * Appends a manual operation to the audit log and returns it with its id.
     *
     * @throws dev.tributary.TributaryException.InvalidInput before anything is written, if the arguments do not
     *         pass {@link Operation#check}: a failed operation leaves no audit entry
     */
    public Operation log(String origin, Operation.Kind kind, List<String> args) {
        Operation.check(kind, args);
        Operation[] out = new Operation[1];
        store.transaction("logging an operation", () -> {
            out[0] = insertOperation(origin, kind, args);
            try (Statement st = conn.createStatement()) {
                markPending(st, Pending.resolution); // cleared by the resolution that follows; left if the run is killed first
            }
        });
        return out[0];
    }

    /**
     * Logs a manual enrollment and adds the enrollment {@code enrollment} makes of it, in one transaction: a run
     * killed at any point leaves both or neither, so nothing is left pending (one commit, where logging and then
     * applying took two).
     */
    public Operation logEnrollment(String origin, List<String> args, java.util.function.Function<Operation, Resolution.Enrollment> enrollment) {
        Operation.check(Operation.Kind.ENROLL, args);
        Operation[] out = new Operation[1];
        store.transaction("logging an enrollment", () -> {
            out[0] = insertOperation(origin, Operation.Kind.ENROLL, args);
            Resolution.Enrollment e = enrollment.apply(out[0]);
            store.update("INSERT INTO enrollments VALUES (?, ?, ?, ?, ?, ?)", e.email(), e.organization(), e.from(), e.until(), e.rank(),
                    e.origin());
        });
        return out[0];
    }

    /**
     * Logs the undoing of a manual enrollment ({@code args}: its operation id) and removes the enrollments it made
     * (those of origin {@code made}), in one transaction, as {@link #logEnrollment} does.
     */
    public Operation logUndoOfEnrollment(String origin, List<String> args, String made) {
        Operation.check(Operation.Kind.UNDO, args);
        Operation[] out = new Operation[1];
        store.transaction("logging an undo", () -> {
            out[0] = insertOperation(origin, Operation.Kind.UNDO, args);
            store.update("DELETE FROM enrollments WHERE origin = ?", made);
        });
        return out[0];
    }

    /** How every operation is logged: its id, time, origin, kind, arguments and group (null: logged alone). */
    private static final String INSERT_OPERATION = "INSERT INTO operations(id, logged_at, origin, kind, args, grp) VALUES (?, ?, ?, ?, ?, ?)";

    /** Inserts one operation, logged alone, with the next id, inside the caller's transaction. */
    private Operation insertOperation(String origin, Operation.Kind kind, List<String> args) throws SQLException {
        Operation op = new Operation(nextOperationId(), Instant.now(), origin, kind, args);
        try (PreparedStatement ins = conn.prepareStatement(INSERT_OPERATION)) {
            bind(ins, op, null);
            ins.executeUpdate();
        }
        return op;
    }

    /** Binds {@code op} and its group to {@link #INSERT_OPERATION}. */
    private void bind(PreparedStatement ins, Operation op, Long group) throws SQLException {
        ins.setLong(1, op.id());
        ins.setTimestamp(2, Timestamp.from(op.at()));
        ins.setString(3, op.origin());
        ins.setString(4, op.kind().name());
        ins.setArray(5, conn.createArrayOf("VARCHAR", op.args().toArray()));
        if (group == null) {
            ins.setNull(6, java.sql.Types.BIGINT);
        } else {
            ins.setLong(6, group);
        }
    }

    /** The id the next operation logged gets: one more than the audit log's last. */
    private long nextOperationId() throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(max(id), 0) + 1 FROM operations")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One step of {@link #logGroup}: a kind and its arguments. */
    public record Step(Operation.Kind kind, List<String> args) {
    }

    /**
     * Appends several operations in one transaction, as one group (undone together): all are logged or none.
     *
     * @return the operations with their ids, in order
     */
    public List<Operation> logGroup(String origin, List<Step> steps) {
        List<Operation> out = new ArrayList<>(steps.size());
        if (steps.isEmpty()) {
            return out;
        }
        for (Step step : steps) {
            Operation.check(step.kind(), step.args()); // all are checked before any is written
        }
        store.transaction("logging " + steps.size() + " operations", () -> {
            long first = nextOperationId();
            Instant at = Instant.now();
            try (PreparedStatement ins = conn.prepareStatement(INSERT_OPERATION)) {
                long id = first;
                for (Step step : steps) {
                    Operation op = new Operation(id, at, origin, step.kind(), step.args()); // validates the arity
                    bind(ins, op, first);
                    ins.addBatch();
                    out.add(op);
                    id++;
                }
                ins.executeBatch();
            }
            try (Statement st = conn.createStatement()) {
                markPending(st, Pending.resolution);
            }
        });
        return out;
    }

    /** The ids of the operations logged in one group with {@code id} (just {@code id} when it was logged alone). */
    public List<Long> group(long id) {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT o.id FROM operations o JOIN operations t ON t.grp = o.grp"
                + " WHERE t.id = ? ORDER BY o.id")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw store.failure("reading the audit log", e);
        }
        return out.isEmpty() ? List.of(id) : out;
    }

    /**
     * The whole audit log, oldest first; an operation logged before arguments were checked that fails the check
     * now (a blank organization name) is left out, so it cannot break the replay of every later one.
     */
    public List<Operation> operations() {
        List<Operation> out = new ArrayList<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, logged_at, origin, kind, args FROM operations ORDER BY id")) {
            while (rs.next()) {
                Object[] arr = (Object[]) rs.getArray(5).getArray();
                List<String> args = new ArrayList<>();
                for (Object o : arr) {
                    args.add((String) o);
                }
                Operation op = new Operation(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        Operation.Kind.valueOf(rs.getString(4)), args);
                if (op.valid()) {
                    out.add(op);
                }
            }
        } catch (SQLException e) {
            throw store.failure("reading the audit log", e);
        }
        return out;
    }

    /** Person emails (after .mailmap) of every author and list sender, the addresses in trailers, those review accounts are linked to and those trackers show: whom resolution covers. */
    public Set<String> personEmails() {
        return strings("SELECT DISTINCT person FROM identities"
                + " UNION SELECT DISTINCT lower(trim(email)) FROM trailers WHERE trim(email) <> ''"
                + " UNION SELECT DISTINCT person FROM mail_identities"
                + " UNION SELECT DISTINCT email FROM review_links" + TRACKER_ADDRESSES);
    }

    /** Raw addresses of every author, trailer and list sender: what domain rules are matched against. */
    public Set<String> authorEmails() {
        return strings("SELECT DISTINCT lower(email) FROM identities"
                + " UNION SELECT DISTINCT lower(trim(email)) FROM trailers WHERE trim(email) <> ''"
                + " UNION SELECT DISTINCT lower(email) FROM mail_identities"
                + " UNION SELECT DISTINCT email FROM review_links" + TRACKER_ADDRESSES);
    }

    /** The addresses issue trackers show for their accounts (reporters, commenters): resolved like authors'. */
    private static final String TRACKER_ADDRESSES = " UNION SELECT DISTINCT lower(reporter_email) FROM issues WHERE reporter_email LIKE '%@%'"
            + " UNION SELECT DISTINCT lower(author_email) FROM issue_comments WHERE author_email LIKE '%@%'";

    private Set<String> strings(String sql) {
        Set<String> out = new TreeSet<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw store.failure("reading identities", e);
        }
        return out;
    }

    /** Replaces the derived tables with {@code r}, in one transaction: a query sees the old or the new. */
    public void replaceResolution(Resolution r) {
        store.transaction("writing the resolution", () -> {
            try (Statement st = conn.createStatement()) {
                store.markPeopleStale(st);
                st.execute("DELETE FROM identity_settings WHERE key = 'pending' AND value <> 'people'");
                st.execute("DELETE FROM individual_of");
                st.execute("DELETE FROM enrollments");
                st.execute("DELETE FROM email_affiliations");
            }
            DuckDBConnection dc = conn.unwrap(DuckDBConnection.class);
            try (DuckDBAppender a = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "individual_of")) {
                for (var e : r.individualOf().entrySet()) {
                    row(a, e.getKey(), e.getValue());
                }
            }
            try (DuckDBAppender a = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "enrollments")) {
                for (Resolution.Enrollment x : r.enrollments()) {
                    row(a, x.email(), x.organization(), x.from(), x.until(), x.rank(), x.origin());
                }
            }
            try (DuckDBAppender a = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "email_affiliations")) {
                for (Resolution.EmailAffiliation x : r.emailAffiliations()) {
                    row(a, x.email(), x.organization(), x.from(), x.until(), x.rank());
                }
            }
        });
    }

    private static void row(DuckDBAppender a, Object... values) throws SQLException {
        a.beginRow();
        for (Object v : values) {
            if (v == null) {
                a.appendNull();
            } else if (v instanceof String) {
                a.append((String) v);
            } else if (v instanceof Long) {
                a.append((long) (Long) v);
            } else if (v instanceof Integer) {
                a.append((int) (Integer) v);
            } else {
                throw new IllegalArgumentException("cannot append " + v.getClass());
            }
        }
        a.endRow();
    }
}
