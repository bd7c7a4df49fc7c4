package dev.tributary.metrics;

import dev.tributary.store.read.PeopleRows;
import dev.tributary.model.Dates;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/**
 * Individuals as curators see them: who they are (identities), what they did, and where they worked,
 * over all stored activity (every repository, every collected scope).
 */
public final class PeopleQuery {
    private final PeopleRows rows;

    public PeopleQuery(Connection conn) {
        this.rows = new PeopleRows(conn);
    }

    /**
     * One individual: id (canonical email), display name, addresses, non-merge commits, organization of the latest
     * activity, and messages to collected mailing lists (with those of Unknown organization).
     */
    public record Person(String individual, String name, List<String> emails, long commits, long unknownCommits,
            String firstActivity, String lastActivity, String organization, boolean bot, long messages, long unknownMessages) {
    }

    /** One raw identity of an individual. */
    public record Identity(String name, String email, String repository, long commits) {
    }

    /** A stretch of activity for one organization: the first and last commit made for it, and how many. */
    public record Stint(String organization, String first, String last, long commits) {
    }

    /** An enrollment in force, and where it comes from (a curated file or an operation). */
    public record Enrollment(String organization, String from, String until, String origin) {
    }

    public record Details(Person person, List<Identity> identities, List<Enrollment> enrollments, List<Stint> stints) {
    }

    /**
     * Individuals ranked by commits; with {@code unknownOnly}, those with commits of Unknown organization,
     * ranked by those commits (what a curator should fix first).
     */
    public List<Person> list(boolean unknownOnly, int limit, String match) {
        return rows.list(unknownOnly, limit, match).stream().map(PeopleQuery::person).toList();
    }

    private static Person person(PeopleRows.Person p) {
        return new Person(p.individual(), p.name(), p.emails(), p.commits(), p.unknownCommits(), Dates.day(p.firstActivity()),
                Dates.day(p.lastActivity()), p.organization(), p.bot(), p.messages(), p.unknownMessages());
    }

    /** The individual who uses {@code emailOrId} (any of their addresses, case-insensitive), if any. */
    public Optional<String> individualOf(String emailOrId) {
        return rows.individualOf(emailOrId);
    }

    /** Everything about one individual. */
    public Optional<Details> show(String individual) {
        return rows.show(individual).map(d -> new Details(person(d.person()),
                d.identities().stream().map(x -> new Identity(x.name(), x.email(), x.repository(), x.commits())).toList(),
                d.enrollments().stream().map(x -> new Enrollment(x.organization(), Dates.day(x.from()), Dates.day(x.until()),
                        x.origin())).toList(),
                d.stints().stream().map(x -> new Stint(x.organization(), Dates.day(x.first()), Dates.day(x.last()), x.commits())).toList()));
    }

    /** One period of someone's activity, for the organization the commits were made for. */
    public record ActivityPeriod(String period, String organization, long commits, long linesAdded, long linesRemoved) {
    }

    /**
     * An individual's non-merge commits (all stored activity) per period and organization at each commit's
     * date, oldest first; empty periods are left out.
     */
    public List<ActivityPeriod> activity(String individual, Interval interval) {
        return rows.activity(individual, interval.name()).stream().map(x -> new ActivityPeriod(Interval.label(x.start(), interval),
                x.organization(), x.commits(), x.linesAdded(), x.linesRemoved())).toList();
    }

    /** Raw names and addresses per individual, for duplicate suggestions. */
    public List<String[]> identityRows() {
        return rows.identityRows();
    }
}
