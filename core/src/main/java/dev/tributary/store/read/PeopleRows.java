package dev.tributary.store.read;

import dev.tributary.TributaryException;
import dev.tributary.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Individuals as curators see them, read from the contributions read model over all stored activity (every
 * non-merge commit of every collected scope, every collected mail message): who they are (identities),
 * what they did, where they worked. Times are epoch seconds. Every value is bound. Stateless over a
 * connection; not thread-safe (the connection is not).
 */
public final class PeopleRows {
    private final Connection conn;

    public PeopleRows(Connection conn) {
        this.conn = conn;
    }

    /**
     * One individual: id (canonical email), display name, addresses, non-merge commits, organization of the latest
     * activity, and messages to collected mailing lists (with those of Unknown organization).
     */
    public record Person(String individual, String name, List<String> emails, long commits, long unknownCommits,
            long firstActivity, long lastActivity, String organization, boolean bot, long messages, long unknownMessages) {
        public Person {
            emails = List.copyOf(emails);
        }
    }

    /** One raw identity of an individual. */
    public record Identity(String name, String email, String repository, long commits) {
    }

    /** A stretch of activity for one organization: the first and last commit made for it, and how many. */
    public record Stint(String organization, long first, long last, long commits) {
    }

    /** An enrollment in force, and where it comes from (a curated file or an operation). */
    public record Enrollment(String organization, Long from, Long until, String origin) {
    }

    public record Details(Person person, List<Identity> identities, List<Enrollment> enrollments, List<Stint> stints) {
    }

    // every non-merge commit and every collected mailing-list message, so that people who only post are curated too
    private static final String ALL = "WITH a AS (SELECT CASE WHEN c.kind = 'commit' THEN c.container END AS repo_id, c.item AS sha,"
            + " c.at_epoch AS author_epoch, coalesce(c.is_merge, false) AS is_merge, coalesce(c.lines_added, 0) AS lines_added,"
            + " coalesce(c.lines_removed, 0) AS lines_removed, c.email, p.individual, p.display_name, p.is_bot, au.name AS raw_name,"
            + " au.email AS raw_email, c.kind, CASE WHEN c.kind = 'message' THEN c.container END AS list_id"
            + " FROM contributions c JOIN contribution_people p ON p.aid = c.actor"
            + " JOIN contribution_actors au ON au.aid = c.actor WHERE c.kind = 'commit' AND NOT c.is_merge OR c.kind = 'message'),"
            + Activity.organizationAt("a", "r");
    private static final String PERSON_COLUMNS = "individual, arg_max(display_name, author_epoch) AS name,"
            + " list(DISTINCT email ORDER BY email) AS emails, count(*) FILTER (WHERE kind = 'commit') AS commits,"
            + " count(*) FILTER (WHERE organization IS NULL AND kind = 'commit') AS unknown,"
            + " count(*) FILTER (WHERE kind = 'message') AS messages,"
            + " count(*) FILTER (WHERE organization IS NULL AND kind = 'message') AS unknown_messages, min(author_epoch) AS first,"
            + " max(author_epoch) AS last, arg_max(organization, author_epoch) AS org, bool_or(is_bot) AS bot";

    /**
     * Individuals ranked by commits; with {@code unknownOnly}, those with commits of Unknown organization,
     * ranked by those commits (what a curator should fix first).
     */
    public List<Person> list(boolean unknownOnly, int limit, String match) {
        String sql = ALL + ", p AS (SELECT " + PERSON_COLUMNS + " FROM r GROUP BY individual)"
                + " SELECT * FROM p WHERE (NOT ? OR unknown > 0 OR unknown_messages > 0)"
                + " AND (? IS NULL OR contains(lower(name), lower(?)) OR contains(lower(array_to_string(emails, ' ')), lower(?)))"
                + " ORDER BY CASE WHEN ? THEN unknown ELSE commits END DESC,"
                + " CASE WHEN ? THEN unknown_messages ELSE messages END DESC, individual LIMIT ?";
        try {
            return Sql.list(conn, sql, PeopleRows::person, unknownOnly, match, match, match, unknownOnly, unknownOnly, limit);
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("people query failed: " + e.getMessage(), e);
        }
    }

    private static Person person(ResultSet rs) throws SQLException {
        List<String> emails = new ArrayList<>();
        for (Object o : (Object[]) rs.getArray("emails").getArray()) {
            emails.add((String) o);
        }
        return new Person(rs.getString("individual"), rs.getString("name"), emails, rs.getLong("commits"),
                rs.getLong("unknown"), rs.getLong("first"), rs.getLong("last"), rs.getString("org"),
                rs.getBoolean("bot"), rs.getLong("messages"), rs.getLong("unknown_messages"));
    }

    /** The individual who uses {@code emailOrId} (any of their addresses, case-insensitive), if any. */
    public Optional<String> individualOf(String emailOrId) {
        String e = emailOrId.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            return Sql.first(conn, "SELECT individual FROM individual_of WHERE email = ?"
                    + " UNION SELECT coalesce(io.individual, i.person) FROM (SELECT person, email FROM identities UNION ALL"
                    + " SELECT person, email FROM mail_identities) i LEFT JOIN individual_of io"
                    + " ON io.email = i.person WHERE lower(i.email) = ? OR i.person = ? LIMIT 1", rs -> rs.getString(1), e, e, e);
        } catch (SQLException ex) {
            throw new TributaryException.StoreFailure("people query failed: " + ex.getMessage(), ex);
        }
    }

    /** Everything about one individual. */
    public Optional<Details> show(String individual) {
        try {
            Optional<Person> person = Sql.first(conn, ALL + ", p AS (SELECT " + PERSON_COLUMNS
                    + " FROM r WHERE individual = ? GROUP BY individual) SELECT * FROM p", PeopleRows::person, individual);
            if (person.isEmpty()) {
                return Optional.empty();
            }
            List<Identity> identities = Sql.list(conn, ALL + "SELECT raw_name, raw_email,"
                    + " coalesce(rp.name, 'list ' || ml.name), count(*) FROM a LEFT JOIN repositories rp ON rp.id = a.repo_id"
                    + " LEFT JOIN mail_lists ml ON ml.id = a.list_id WHERE individual = ? GROUP BY ALL ORDER BY 4 DESC, 2, 1, 3",
                    rs -> new Identity(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)), individual);
            // with gitdm's rules a curated address line applies to the address (an email affiliation of rank 1), not the individual
            List<Enrollment> enrollments = Sql.list(conn, "SELECT organization, from_epoch, until_epoch, origin FROM ("
                    + " SELECT e.organization, e.from_epoch, e.until_epoch, e.origin, e.rank FROM enrollments e"
                    + " LEFT JOIN individual_of io ON io.email = e.email WHERE coalesce(io.individual, e.email) = ?"
                    + " UNION ALL SELECT DISTINCT d.organization, d.from_epoch, d.until_epoch, 'curated, for ' || d.email, d.rank"
                    + " FROM email_affiliations d WHERE d.rank = 1 AND d.email IN (SELECT lower(i.email) FROM identities i"
                    + "  LEFT JOIN individual_of io ON io.email = i.person WHERE coalesce(io.individual, i.person) = ?))"
                    + " ORDER BY rank, from_epoch NULLS FIRST, origin",
                    rs -> new Enrollment(rs.getString(1), (Long) rs.getObject(2), (Long) rs.getObject(3), rs.getString(4)),
                    individual, individual);
            List<Stint> stints = Sql.list(conn, ALL + "SELECT coalesce(organization, 'Unknown'),"
                    + " min(author_epoch), max(author_epoch), count(*) FROM r WHERE individual = ? GROUP BY 1 ORDER BY 2",
                    rs -> new Stint(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)), individual);
            return Optional.of(new Details(person.get(), identities, enrollments, stints));
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("people query failed: " + e.getMessage(), e);
        }
    }

    /** One period of someone's activity (its start), for the organization the commits were made for. */
    public record ActivityPeriod(long start, String organization, long commits, long linesAdded, long linesRemoved) {
    }

    /**
     * An individual's non-merge commits (all stored activity) per period and organization at each commit's
     * date, oldest first; empty periods are left out.
     */
    public List<ActivityPeriod> activity(String individual, String unit) {
        new ContributorRows.Ask(unit, false, false); // checks the unit
        try {
            return Sql.list(conn, ALL + "SELECT epoch(date_trunc(?, make_timestamp(author_epoch * 1000000)))::BIGINT AS p,"
                    + " coalesce(organization, 'Unknown'), count(*), coalesce(sum(lines_added), 0)::BIGINT,"
                    + " coalesce(sum(lines_removed), 0)::BIGINT FROM r WHERE individual = ? AND kind = 'commit' GROUP BY ALL ORDER BY p, 3 DESC, 2",
                    rs -> new ActivityPeriod(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)), unit, individual);
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("people query failed: " + e.getMessage(), e);
        }
    }

    /** Raw names and addresses per individual, for duplicate suggestions. */
    public List<String[]> identityRows() {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT DISTINCT coalesce(io.individual, i.person), i.name, lower(i.email)"
                + " FROM (SELECT person, name, email, is_bot FROM identities UNION ALL SELECT person, name, email, is_bot"
                + " FROM mail_identities) i LEFT JOIN individual_of io ON io.email = i.person WHERE NOT i.is_bot ORDER BY 1, 2, 3");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("people query failed: " + e.getMessage(), e);
        }
        return out;
    }
}
