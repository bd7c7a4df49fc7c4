package dev.tributary.metrics;

import java.util.List;

/**
 * The release table foundations publish ("who wrote this release"), after gitdm's report: changesets
 * (non-merge commits), developers (individuals), organizations, lines; top developers and organizations by
 * changesets, lines changed and lines removed, organizations by developers; credits from trailers. Bots are
 * left out unless the scope includes them. Unknown and Independent appear as rows of the organization
 * tables but are not counted as organizations.
 *
 * @param title             what the report covers, e.g. {@code openstack essex}
 * @param unknownDevelopers developers with at least one changeset whose organization is Unknown
 * @param coverage          for each table, the share the rows shown add up to
 */
public record Report(
        String title,
        List<String> repositories,
        long changesets,
        long developers,
        long organizations,
        long unknownDevelopers,
        long linesAdded,
        long linesRemoved,
        long botChangesets,
        boolean botsIncluded,
        List<Developer> byDeveloper,
        List<Developer> byDeveloperLinesChanged,
        List<Developer> byDeveloperLinesRemoved,
        List<Organization> byOrganization,
        List<Organization> byOrganizationLinesChanged,
        List<Organization> byOrganizationDevelopers,
        Coverage coverage,
        List<Credit> credits,
        List<Credit> creditsByOrganization) {

    /**
     * @param share this row's share of the table's measure (changesets, lines changed, lines removed)
     */
    public record Developer(String name, String email, String organization, long changesets, long linesAdded,
            long linesRemoved, double share) {
    }

    /**
     * @param developers individuals who made changesets for the organization in scope (one person can count
     *                   for several organizations when they moved inside the scope)
     * @param share      this row's share of the table's measure (changesets, lines changed, developers)
     */
    public record Organization(String name, long changesets, long developers, long linesAdded, long linesRemoved,
            double share) {
    }

    /** Shares the rows of each table add up to (the top N's coverage). */
    public record Coverage(int top, double developersByChangesets, double developersByLinesChanged,
            double developersByLinesRemoved, double organizationsByChangesets, double organizationsByLinesChanged,
            double organizationsByDevelopers) {
    }

    /**
     * A trailer credit ({@code Signed-off-by}, {@code Reviewed-by}, ...) given by someone other than the
     * changeset's author; {@code name} is the person (or, in the by-organization list, the organization).
     */
    public record Credit(String kind, String name, String organization, long count, double share) {
    }
}
