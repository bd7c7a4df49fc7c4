package dev.tributary.cli;

import dev.tributary.TributaryException;
import dev.tributary.metrics.PeopleQuery;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tributary identities show}: see its {@code --help}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "One individual: identities, enrollments, organizations over time.")
final class IdentitiesShowCommand extends CurationCommand {
    @Parameters(paramLabel = "PERSON", description = "Any address of the individual.")
    String who;
    @CommandLine.Mixin
    ListFormat format;

    @Override
    public Integer call() {
        return reading((q, store) -> {
            PeopleQuery.Details d = q.show(individual(store, who)).orElseThrow(() ->
                    new TributaryException.InvalidInput("'" + who + "' has no commits in the store"));
            PrintWriter out = out();
            if (format.json()) {
                out.println(Json.write(d));
            } else {
                PeopleQuery.Person p = d.person();
                out.printf(Locale.ROOT, "%s <%s>%s: %,d commits, %s .. %s%n", Text.printable(p.name()), Text.printable(p.individual()),
                        p.bot() ? " (bot)" : "", p.commits(), p.firstActivity(), p.lastActivity());
                out.println("Identities");
                d.identities().forEach(i -> out.printf(Locale.ROOT, "  %-30s %-36s %-16s %,8d%n", Text.cut(i.name(), 30),
                        Text.cut(i.email(), 36), Text.cut(i.repository(), 16), i.commits()));
                out.println("Enrollments");
                if (d.enrollments().isEmpty()) {
                    out.println("  (none: organizations come from address domains)");
                }
                d.enrollments().forEach(e -> out.printf(Locale.ROOT, "  %-30s %-10s %-10s %s%n", Text.cut(e.organization(), 30),
                        e.from().isEmpty() ? "-" : e.from(), e.until().isEmpty() ? "-" : e.until(), Text.printable(e.origin())));
                out.println("Organizations over time");
                d.stints().forEach(s -> out.printf(Locale.ROOT, "  %-30s %s .. %s %,8d commits%n", Text.cut(s.organization(), 30),
                        s.first(), s.last(), s.commits()));
            }
        });
    }
}
