package dev.tributary.store;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The contributions read model: one derived relation of every contribution of every kind (a commit, a
 * mail message, a change request, a review, a comment on a change, an issue, a comment on an issue), with its actor as an integer raw
 * identity, its time and offset, its container, and what it answers; who each actor is lives beside it,
 * derived once. Every metric, report and API answer reads people and organizations through it.
 *
 * <p>Tables (schema v10; v11 gave code review and issue trackers their stale marks; derived: rebuilt from the raw tables, never
 * written by a source):
 * <ul>
 * <li>{@code contributions(cid, kind, container, item, at_epoch, at_offset, actor, email, is_merge, lines_added,
 *     lines_removed, subject_kind, subject_item, subject_actor)}: one row per contribution. {@code cid} is its
 *     integer id (its source's ordinal in the high bits), {@code container} the store id of its
 *     repository, list or project, {@code item} its native id there (commit sha, Message-ID, change
 *     number), {@code actor} the {@code aid} of its raw identity, {@code email} that identity's address
 *     lower-cased. Commit figures (merge flag, lines) are carried for speed; other kinds leave them null and
 *     join their own table by (container, item). For an answer (a reply, a review, a comment):
 *     {@code subject_kind}/{@code subject_item} name what it answers and {@code subject_actor} that item's
 *     actor (null when unknown).</li>
 * <li>{@code contribution_scopes(container, scope, cid)}: collection-scope membership (git: HEAD, a range).</li>
 * <li>{@code contribution_actors(aid, source, container, name, email)}: the raw identities.</li>
 * <li>{@code contribution_people(aid, individual, display_name, is_bot, pid)}: who each actor is, after
 *     mailmaps, curated aliases and merges; {@code display_name} is the individual's one name by the rule of
 *     {@link #DISPLAY_NAMES} (the same on every row of an individual); {@code pid} numbers the individuals
 *     densely (valid until the next rebuild).</li>
 * </ul>
 * The organization is not stored: it is resolved per (individual, address) time segment by one query
 * (see {@code metrics.Activity.organizationAt}), so an enrollment edit needs no rebuild.
 *
 * <p><b>How a new source adds a kind of contribution</b> (docs/architecture.md): write the raw table and
 * its identities table in the store (in the writes' own transactions, calling {@link Store#markStale} with
 * the source's {@link Source}), then add one {@link Source} constant here whose {@code rows} select the
 * standard columns from the raw table, and whose {@code identities} select the source's resolved
 * identities. Nothing else changes: {@link Store#deriveStale()} rebuilds it, and metrics filter on
 * {@code kind}.
 *
 * <p>Not thread-safe; called by {@link Store} inside its transactions.
 */
final class Contributions {
    private Contributions() {
    }

    /**
     * The sources of contributions, each with the kinds it emits. {@code rows} selects, per contribution:
     * kind, container, item, at_epoch, at_offset, name, email (the raw identity), is_merge, lines_added,
     * lines_removed, subject_kind, subject_item (git's also seq: its raw row's number, its cid). {@code identities} selects, per raw identity: container,
     * name, email, person (the key after mailmaps), display_name, is_bot. {@code scopes} (may be null)
     * selects (container, scope, item) memberships. The constant's name is its stale mark in
     * {@code derived_state}; its ordinal numbers its ids (append new sources at the end).
     */
    enum Source {
        // an impossible author date (before 1970, or after this rebuild: a broken clock, 99999999999999) is counted
        // at the committer date when that one is possible, else clamped, so that every period series spans the
        // scope's real activity; the commit is named by an impossible-date warning (CollectGit)
        git("SELECT 'commit' AS kind, repo_id AS container, sha AS item,"
                + " CASE WHEN author_epoch BETWEEN 0 AND " + LATEST + " THEN author_epoch"
                + " WHEN committer_epoch BETWEEN 0 AND " + LATEST + " THEN committer_epoch"
                + " ELSE greatest(0, least(author_epoch, " + LATEST + ")) END AS at_epoch, author_offset AS at_offset,"
                + " author_name AS name, author_email AS email, is_merge, lines_added, lines_removed,"
                + " NULL::VARCHAR AS subject_kind, NULL::VARCHAR AS subject_item, rowid + 1 AS seq FROM commits",
                "SELECT repo_id, name, email, person, display_name, is_bot FROM identities",
                "SELECT repo_id, scope, sha FROM scope_commits"),
        mail("SELECT 'message' AS kind, m.list_id, m.message_id, m.epoch, m.offset_minutes, m.from_name, m.from_email,"
                + " NULL::BOOLEAN, NULL::BIGINT, NULL::BIGINT, CASE WHEN t.parent_id IS NULL THEN NULL ELSE 'message' END,"
                + " t.parent_id FROM mail_messages m"
                + " LEFT JOIN mail_threads t ON t.list_id = m.list_id AND t.message_id = m.message_id",
                "SELECT list_id, name, email, person, display_name, is_bot FROM mail_identities",
                null),
        // code review (ReviewStore): a change request opened, a formal review or vote (Gerrit's Verified is the CI's
        // verdict, not a review, as in ReviewMetrics), a comment on a change (discussion, inline, Gerrit message);
        // the raw identity is the account key (github:login, gerrit:host:user) and the address it is linked to
        // (review_links), or the key itself when unlinked; a review and a comment answer their change
        review("WITH ln AS (SELECT ra.key, coalesce(l.email, ra.key) AS email FROM review_actors ra LEFT JOIN review_links l ON l.key = ra.key)"
                + " SELECT 'change', c.container_id, c.number::VARCHAR, c.created, NULL::SMALLINT, c.author, ln.email,"
                + " NULL::BOOLEAN, NULL::BIGINT, NULL::BIGINT, NULL::VARCHAR, NULL::VARCHAR FROM changes c JOIN ln ON ln.key = c.author"
                + " UNION ALL SELECT 'review', r.container_id, r.number::VARCHAR || '/' || r.native_id, r.epoch, NULL, r.reviewer, ln.email,"
                + " NULL, NULL, NULL, 'change', r.number::VARCHAR FROM change_reviews r JOIN ln ON ln.key = r.reviewer"
                + " WHERE r.state <> 'Verified'"
                + " UNION ALL SELECT 'review_comment', m.container_id, m.number::VARCHAR || '/' || m.native_id, m.epoch, NULL, m.author,"
                + " ln.email, NULL, NULL, NULL, 'change', m.number::VARCHAR FROM change_comments m JOIN ln ON ln.key = m.author",
                // who an account is: the person of its linked address among the commit authors (so a login and
                // the address it commits with are one individual), else the address, else the key; named as
                // ReviewMetrics names it
                "SELECT x.container_id, ra.key, coalesce(l.email, ra.key), coalesce(idp.person, l.email, ra.key),"
                + " coalesce(nullif(idp.display_name, ''), nullif(ra.name, ''), ra.login), ra.is_bot"
                + " FROM (SELECT container_id, author AS key FROM changes UNION SELECT container_id, reviewer FROM change_reviews"
                + "  UNION SELECT container_id, author FROM change_comments) x JOIN review_actors ra ON ra.key = x.key"
                + " LEFT JOIN review_links l ON l.key = ra.key"
                + " LEFT JOIN (SELECT email, min(person) AS person, min(display_name) AS display_name FROM identities GROUP BY email) idp"
                + "  ON idp.email = l.email",
                null),
        // issue trackers (IssueStore): an issue reported, a comment on it; GitHub pull requests a tracker holds
        // are left out (as IssueMetrics leaves them out by default: they are change requests, and their
        // comments are the review source's when it is collected). The raw identity is (tracker, login) and the
        // address the tracker shows for the account, else a key of the account
        issues("WITH " + TRACKER_ADDRESSES + " SELECT 'issue', i.tracker_id, i.key, i.created, NULL::SMALLINT, i.reporter, ta.email,"
                + " NULL::BOOLEAN, NULL::BIGINT, NULL::BIGINT, NULL::VARCHAR, NULL::VARCHAR FROM issues i"
                + " JOIN ta ON ta.tracker_id = i.tracker_id AND ta.login = i.reporter WHERE NOT i.is_pull"
                + " UNION ALL SELECT 'issue_comment', c.tracker_id, c.key || '#' || c.comment_id, c.ts, NULL, c.author, ta.email,"
                + " NULL, NULL, NULL, 'issue', c.key FROM issue_comments c JOIN issues i ON i.tracker_id = c.tracker_id AND i.key = c.key"
                + " JOIN ta ON ta.tracker_id = c.tracker_id AND ta.login = c.author WHERE NOT i.is_pull",
                // who an account is: its shown address (after the commit authors' mailmaps), else on a GitHub tracker
                // the review account of the same login (its linked address, or github:login: one individual across
                // code review and issues), else a GitHub noreply commit address naming the login, else the key
                "WITH " + TRACKER_ADDRESSES + " SELECT ta.tracker_id, ta.login, ta.email,"
                + " coalesce(idp.person, ta.shown, CASE WHEN ta.github THEN coalesce(rl.email, nr.person, 'github:' || lower(ta.login)) END,"
                + "  ta.email), coalesce(nullif(idp.display_name, ''), nullif(ta.name, ''), ta.login), ta.bot FROM ta"
                + " LEFT JOIN (SELECT email, min(person) AS person, min(display_name) AS display_name FROM identities GROUP BY email) idp"
                + "  ON idp.email = ta.shown"
                + " LEFT JOIN review_links rl ON rl.key = ta.github_key"
                + " LEFT JOIN (SELECT lower(regexp_extract(email, '^(?:[0-9]+\\+)?([A-Za-z0-9-]+)@users\\.noreply\\.github\\.com$', 1)) AS login,"
                + "  min(person) AS person FROM identities"
                + "  WHERE regexp_matches(email, '^(?:[0-9]+\\+)?[A-Za-z0-9-]+@users\\.noreply\\.github\\.com$') GROUP BY 1) nr"
                + "  ON nr.login = ta.noreply_login",
                null);

        final String rows;
        final String identities;
        final String scopes;

        Source(String rows, String identities, String scopes) {
            this.rows = rows;
            this.identities = identities;
            this.scopes = scopes;
        }

        /** The first {@code aid} of this source's actors (67M per source). */
        long aidBase() {
            return (long) ordinal() << 26;
        }

        /** The first {@code cid} of this source's contributions; the next source's is the end. */
        long cidBase() {
            return (long) ordinal() << 40;
        }

        /** The condition on {@code alias.cid} for this source's contributions. */
        /** Whether its contributions answer others (a reply, a review, a comment): a commit never does. */
        boolean answers() {
            return this != git;
        }

        String owns(String alias) {
            return alias + "cid >= " + cidBase() + " AND " + alias + "cid < " + (cidBase() + (1L << 40));
        }
    }

    static final List<Source> SOURCES = List.of(Source.values());

    /**
     * {@code ta}: one row per tracker account seen (reporter or commenter): tracker_id, login, the address the
     * tracker shows for it ({@code shown}, lower-cased, null when none: the latest-sorting one when several),
     * its raw address in the read model ({@code email}: the shown one, else {@code tracker:ID:login}), a name,
     * the bot flag (any row flagged), and whether the tracker is GitHub's. Both selects of {@link Source#issues}
     * use it, so rows and identities agree on the raw identity.
     */
    private static final String TRACKER_ADDRESSES = "seen AS (SELECT tracker_id, reporter AS login, reporter_name AS name,"
            + " lower(reporter_email) AS email, reporter_bot AS bot FROM issues"
            + "  UNION ALL SELECT tracker_id, author, author_name, lower(author_email), author_bot FROM issue_comments),"
            + " ta0 AS (SELECT s.tracker_id, s.login, max(s.email) FILTER (WHERE s.email LIKE '%@%') AS shown,"
            + "  coalesce(max(s.email) FILTER (WHERE s.email LIKE '%@%'), 'tracker:' || s.tracker_id || ':' || s.login) AS email,"
            + "  max(s.name) AS name, bool_or(s.bot) AS bot, any_value(t.kind) = 'github' AS github"
            + "  FROM seen s JOIN issue_trackers t ON t.id = s.tracker_id GROUP BY s.tracker_id, s.login),"
            // join keys as plain columns (null where they do not apply), so the joins on them are hash joins
            + " ta AS (SELECT *, CASE WHEN github THEN 'github:' || lower(login) END AS github_key,"
            + "  CASE WHEN github AND shown IS NULL THEN lower(login) END AS noreply_login FROM ta0)";

    /** The latest possible time, in SQL, evaluated when the rows are derived: now plus {@link Store#POSSIBLE_AHEAD_SECONDS}. */
    private static final String LATEST = "(epoch(current_timestamp)::BIGINT + " + Store.POSSIBLE_AHEAD_SECONDS + ")";

    /** The names of a {@code rows} select's columns, whatever the select calls them. */
    private static final String ROW_COLUMNS = "r(kind, container, item, at_epoch, at_offset, name, email, is_merge, lines_added,"
            + " lines_removed, subject_kind, subject_item)";

    /** The v10 tables, empty and stale: the first {@link Store#deriveStale()} fills them. */
    static void createVersion10(Statement st) throws SQLException {
        for (String old : new String[] {"activity", "activity_scopes", "activity_authors", "activity_people"}) {
            st.execute("DROP TABLE IF EXISTS " + old);
        }
        st.execute("CREATE TABLE contributions(cid BIGINT NOT NULL, kind VARCHAR NOT NULL, container INTEGER NOT NULL,"
                + " item VARCHAR NOT NULL, at_epoch BIGINT, at_offset SMALLINT, actor INTEGER NOT NULL, email VARCHAR,"
                + " is_merge BOOLEAN, lines_added BIGINT, lines_removed BIGINT, subject_kind VARCHAR, subject_item VARCHAR,"
                + " subject_actor INTEGER)");
        st.execute("CREATE TABLE contribution_scopes(container INTEGER NOT NULL, scope VARCHAR NOT NULL, cid BIGINT NOT NULL)");
        st.execute("CREATE TABLE contribution_actors(aid INTEGER NOT NULL, source VARCHAR NOT NULL, container INTEGER NOT NULL,"
                + " name VARCHAR, email VARCHAR)");
        st.execute("CREATE TABLE contribution_people(aid INTEGER NOT NULL, individual VARCHAR, display_name VARCHAR,"
                + " is_bot BOOLEAN, pid INTEGER NOT NULL)");
        st.execute("CREATE TABLE IF NOT EXISTS derived_state(name VARCHAR NOT NULL, stale BOOLEAN NOT NULL)");
        st.execute("DELETE FROM derived_state");
        for (Source s : SOURCES) {
            st.execute("INSERT INTO derived_state VALUES ('" + s.name() + "', true)");
        }
        st.execute("INSERT INTO derived_state VALUES ('people', true)");
    }

    /** v11: a stale mark for every source that has none yet (those added after v10: review, issues). */
    static void createVersion11(Statement st) throws SQLException {
        for (Source s : SOURCES) {
            st.execute("INSERT INTO derived_state SELECT '" + s.name() + "', true WHERE NOT EXISTS"
                    + " (SELECT 1 FROM derived_state WHERE name = '" + s.name() + "')");
        }
        st.execute("UPDATE derived_state SET stale = true WHERE name = 'people'");
    }

    /**
     * Rebuilds one source's actors, contributions and scope memberships (not the people: the caller derives
     * them after, since the actors changed). About 2 s per million commits.
     */
    static void deriveSource(Statement st, Source s) throws SQLException {
        st.execute("DELETE FROM contribution_scopes WHERE " + s.owns(""));
        st.execute("DELETE FROM contributions WHERE " + s.owns(""));
        st.execute("DELETE FROM contribution_actors WHERE source = '" + s.name() + "'");
        st.execute("INSERT INTO contribution_actors SELECT (" + s.aidBase() + " + row_number() OVER () - 1)::INTEGER, '" + s.name()
                + "', container, name, email FROM (SELECT DISTINCT container, name, email FROM (" + s.rows + ") " + ROW_COLUMNS + ")");
        // a commit's cid is its raw row's: numbering the rows with a window instead serialized the insert (1.0 against 0.76 s
        // per million commits); the other sources' selects are joins, numbered by the window
        String seq = s == Source.git ? "r.seq" : "row_number() OVER ()";
        st.execute("INSERT INTO contributions SELECT " + s.cidBase() + " + " + seq + ", r.kind, r.container, r.item, r.at_epoch,"
                + " r.at_offset, au.aid, lower(r.email), r.is_merge, r.lines_added, r.lines_removed, r.subject_kind, r.subject_item,"
                + " NULL FROM (" + s.rows + ") " + ROW_COLUMNS + " JOIN contribution_actors au ON au.source = '" + s.name() + "'"
                + " AND au.container = r.container AND au.name IS NOT DISTINCT FROM r.name AND au.email IS NOT DISTINCT FROM r.email");
        // what a contribution answers is of its own source (a reply a message, a review a change, a comment an issue);
        // skipped for commits, where the self-join found nothing in 0.4-1.5 s per million
        if (s.answers()) {
            st.execute("UPDATE contributions c SET subject_actor = p.actor FROM contributions p WHERE c.subject_item IS NOT NULL"
                    + " AND " + s.owns("c.") + " AND " + s.owns("p.")
                    + " AND p.kind = c.subject_kind AND p.container = c.container AND p.item = c.subject_item");
        }
        if (s.scopes != null) {
            st.execute("INSERT INTO contribution_scopes SELECT m.container, m.scope, c.cid FROM (" + s.scopes + ") m(container, scope, item)"
                    + " JOIN contributions c ON c.container = m.container AND c.item = m.item AND " + s.owns("c."));
        }
    }

    /**
     * Rebuilds {@code contribution_people}: one row per actor, from its source's identities and the curated
     * individuals; actors not resolved yet have no row, and their contributions are not counted.
     */
    static void derivePeople(Statement st) throws SQLException {
        st.execute("DELETE FROM contribution_people");
        // only the sources that have actors: a git-only store never runs the review and tracker identity queries
        java.util.Set<String> present = new java.util.HashSet<>();
        try (java.sql.ResultSet rs = st.executeQuery("SELECT DISTINCT source FROM contribution_actors")) {
            while (rs.next()) {
                present.add(rs.getString(1));
            }
        }
        if (present.isEmpty()) {
            return;
        }
        StringBuilder ids = new StringBuilder();
        for (Source s : SOURCES) {
            if (!present.contains(s.name())) {
                continue;
            }
            ids.append(ids.length() == 0 ? "" : " UNION ALL ").append("SELECT '").append(s.name())
                    .append("' AS source, i.* FROM (").append(s.identities).append(") i(container, name, email, person, display_name, is_bot)");
        }
        st.execute("INSERT INTO contribution_people SELECT au.aid, coalesce(io.individual, i.person) AS individual, i.display_name,"
                + " i.is_bot, (dense_rank() OVER (ORDER BY coalesce(io.individual, i.person)) - 1)::INTEGER FROM contribution_actors au"
                + " JOIN (" + ids + ") i ON i.source = au.source AND i.container = au.container AND i.name = au.name AND i.email = au.email"
                + " LEFT JOIN individual_of io ON io.email = i.person");
        st.execute("UPDATE contribution_people p SET display_name = n.name FROM (" + DISPLAY_NAMES + ") n WHERE n.individual = p.individual");
    }

    /**
     * The one rule for a person's display name, everywhere (listings, series, reports, credits): of the names
     * their raw identities carry (after mailmaps), the one on the most contributions of any kind; ties go to
     * the name used most recently, then to the alphabetically first. A blank name loses to any other. Selects
     * (individual, name) from {@code contribution_people} as first derived (one name per raw identity).
     */
    static final String DISPLAY_NAMES = "SELECT individual, name FROM (SELECT p.individual, p.display_name AS name, sum(c.n) AS n,"
            + " max(c.latest) AS latest FROM (SELECT actor, count(*) AS n, max(at_epoch) AS latest FROM contributions GROUP BY actor) c"
            + " JOIN contribution_people p ON p.aid = c.actor GROUP BY ALL)"
            + " QUALIFY row_number() OVER (PARTITION BY individual ORDER BY coalesce(trim(name), '') = '', n DESC,"
            + " latest DESC NULLS LAST, name) = 1";
}
