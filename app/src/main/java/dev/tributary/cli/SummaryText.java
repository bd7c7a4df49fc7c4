package dev.tributary.cli;

import dev.tributary.metrics.Summary;
import java.io.PrintWriter;
import java.util.Locale;

/** Renders a {@link Summary} as a terminal table or CSV. Computes nothing. */
final class SummaryText {
    private SummaryText() {
    }

    static void table(Summary s, PrintWriter out) {
        out.printf(Locale.ROOT, "Repositories: %s%n", String.join(", ", s.repositories()));
        if (s.firstActivity() == null) {
            out.printf(Locale.ROOT, "Activity:     none (no commit in this scope)%n");
        } else {
            out.printf(Locale.ROOT, "Activity:     %s .. %s%n", s.firstActivity(), s.lastActivity());
        }
        out.printf(Locale.ROOT, "%,d commits (+%,d merges) from %,d contributors at %,d organizations; +%,d -%,d lines%n",
                s.commits(), s.merges(), s.contributors(), s.organizations(), s.linesAdded(), s.linesRemoved());
        out.printf(Locale.ROOT, "Elephant factor %d, pony factor %d; Unknown organization %.1f%% of commits; bots %,d (%.1f%% of commits)%n",
                s.elephantFactor(), s.ponyFactor(), 100 * s.unknownShare(), s.bots(), 100 * s.botShare());
        out.println();
        out.println("Top contributors");
        out.printf(Locale.ROOT, "  %-30s %-24s %8s %6s %10s %10s%n", "name", "organization", "commits", "%", "added", "removed");
        for (Summary.Contributor c : s.topContributors()) {
            out.printf(Locale.ROOT, "  %s %s %,8d %5.1f%% %,10d %,10d%n", Text.cell(c.name(), 30), Text.cell(c.organization(), 24),
                    c.commits(), Text.pct(c.commits(), s.commits()), c.linesAdded(), c.linesRemoved());
        }
        out.println();
        out.println("Top contributors by lines changed");
        out.printf(Locale.ROOT, "  %-30s %-24s %8s %10s %10s %6s%n", "name", "organization", "commits", "added", "removed", "%");
        long changed = s.linesAdded() + s.linesRemoved();
        for (Summary.Contributor c : s.topContributorsByLines()) {
            out.printf(Locale.ROOT, "  %s %s %,8d %,10d %,10d %5.1f%%%n", Text.cell(c.name(), 30), Text.cell(c.organization(), 24),
                    c.commits(), c.linesAdded(), c.linesRemoved(), Text.pct(c.linesAdded() + c.linesRemoved(), changed));
        }
        out.println();
        out.println("Top organizations");
        out.printf(Locale.ROOT, "  %-30s %8s %6s %12s %10s %10s%n", "organization", "commits", "%", "contributors", "added", "removed");
        for (Summary.Organization o : s.topOrganizations()) {
            out.printf(Locale.ROOT, "  %s %,8d %5.1f%% %,12d %,10d %,10d%n", Text.cell(o.name(), 30), o.commits(),
                    Text.pct(o.commits(), s.commits()), o.contributors(), o.linesAdded(), o.linesRemoved());
        }
        if (!s.botAccounts().isEmpty()) {
            out.println();
            out.println(s.botsIncluded() ? "Bots (counted as contributors: --include-bots)"
                    : "Bots (not counted as contributors; --include-bots counts them)");
            out.printf(Locale.ROOT, "  %-30s %-30s %8s %10s %10s%n", "name", "email", "commits", "added", "removed");
            for (Summary.Bot b : s.botAccounts()) {
                out.printf(Locale.ROOT, "  %s %s %,8d %,10d %,10d%n", Text.cell(b.name(), 30), Text.cell(b.email(), 30),
                        b.commits(), b.linesAdded(), b.linesRemoved());
            }
        }
        if (s.warningCount() > 0) {
            out.println();
            out.printf(Locale.ROOT, "Warnings (%d)%n", s.warningCount());
            for (String w : s.warnings()) {
                out.println("  " + Text.printable(w));
            }
        }
    }

    static void csv(Summary s, PrintWriter out) {
        out.println("section,name,organization,commits,contributors,linesAdded,linesRemoved");
        out.printf(Locale.ROOT, "total,%s,,%d,%d,%d,%d%n", Text.csvField(String.join(" ", s.repositories())), s.commits(),
                s.contributors(), s.linesAdded(), s.linesRemoved());
        for (Summary.Contributor c : s.topContributors()) {
            out.printf(Locale.ROOT, "contributor,%s,%s,%d,1,%d,%d%n", Text.csvField(c.name()), Text.csvField(c.organization()),
                    c.commits(), c.linesAdded(), c.linesRemoved());
        }
        for (Summary.Contributor c : s.topContributorsByLines()) {
            out.printf(Locale.ROOT, "contributor-by-lines,%s,%s,%d,1,%d,%d%n", Text.csvField(c.name()), Text.csvField(c.organization()),
                    c.commits(), c.linesAdded(), c.linesRemoved());
        }
        for (Summary.Bot b : s.botAccounts()) {
            out.printf(Locale.ROOT, "bot,%s,,%d,1,%d,%d%n", Text.csvField(b.name()), b.commits(), b.linesAdded(), b.linesRemoved());
        }
        for (Summary.Organization o : s.topOrganizations()) {
            out.printf(Locale.ROOT, "organization,%s,,%d,%d,%d,%d%n", Text.csvField(o.name()), o.commits(), o.contributors(),
                    o.linesAdded(), o.linesRemoved());
        }
    }
}
