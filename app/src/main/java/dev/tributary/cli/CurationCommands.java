package dev.tributary.cli;

import dev.tributary.TributaryException;
import dev.tributary.identity.Curated;
import dev.tributary.identity.Operation;
import dev.tributary.identity.Resolver;
import dev.tributary.identity.Suggestions;
import dev.tributary.metrics.PeopleQuery;
import dev.tributary.pipeline.ImportCurated;
import dev.tributary.pipeline.Resolve;
import dev.tributary.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Curation: {@code identities}, {@code affiliations}, {@code organizations}, {@code log} and {@code undo}.
 * Every change is an operation in the audit log, replayed over the curated files at each resolution, so it
 * survives re-imports and can be undone; figures change at once, nothing is collected again.
 */
final class CurationCommands {
    private CurationCommands() {
    }

    enum ListFormat { table, json }

    /** Shared by the curation commands: the store, the output, and logging an operation. */
    abstract static class Base implements Callable<Integer> {
        // package-private subclasses in their own files (IdentitiesApplyCommand) share it
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        StoreOptions storeOptions;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        String origin() {
            return "tributary " + spec.qualifiedName(" ").replaceFirst("^tributary ", "");
        }

        /** {@code --format} of a write command; null for the commands that only read. */
        OperationFormat writeFormat() {
            return null;
        }

        /** Logs the operation, re-resolves, and prints what was done (a JSON object per operation with --format json). */
        Operation apply(Store store, Operation.Kind kind, List<String> args) {
            Operation op = store.curation().log(origin(), kind, args);
            Resolve.after(store, op);
            if (writeFormat() != null && writeFormat().json()) {
                out().println(Json.write(OperationFormat.json(op)));
            } else {
                out().println("#" + op.id() + " " + op.describe());
            }
            out().flush();
            return op;
        }

        /** Checks --from and --until: dates, in order. */
        static void checkRange(String from, String until) {
            Long f = AnalyzeCommand.parseDate("--from", from);
            Long u = AnalyzeCommand.parseDate("--until", until);
            if (f != null && u != null && f >= u) {
                throw new TributaryException.InvalidInput("--from " + from + " is not before --until " + until);
            }
        }

        static String individual(Store store, String who) {
            return new PeopleQuery(store.connection()).individualOf(who).orElseThrow(() ->
                    new TributaryException.InvalidInput("no identity with the address '" + who + "' in the store"));
        }
    }

    @Command(name = "identities", mixinStandardHelpOptions = true, description = "List, show, merge and split individuals.",
            subcommands = {IdentitiesList.class, IdentitiesShow.class, IdentitiesMerge.class, IdentitiesSplit.class,
                    IdentitiesSuggest.class, IdentitiesApplyCommand.class, IdentitiesExportCommand.class})
    static final class Identities implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list, show, merge, split, suggest, apply, export");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Individuals by commits (all stored activity).")
    static final class IdentitiesList extends Base {
        @Option(names = "--limit", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE}).")
        int limit;
        @Option(names = "--match", paramLabel = "TEXT", description = "Only names or addresses containing TEXT.")
        String match;
        @Option(names = "--format", defaultValue = "table", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        ListFormat format;

        @Override
        public Integer call() {
            try (Store store = storeOptions.open()) {
                people(new PeopleQuery(store.connection()).list(false, limit, match), format, out());
            }
            return 0;
        }
    }

    static void people(List<PeopleQuery.Person> people, ListFormat format, PrintWriter out) {
        if (format == ListFormat.json) {
            out.println(Json.write(people));
        } else {
            out.printf(Locale.ROOT, "%-28s %-36s %8s %8s %8s %-24s %s%n", "name", "individual", "commits", "unknown", "messages",
                    "organization (latest)", "addresses");
            for (PeopleQuery.Person p : people) {
                out.printf(Locale.ROOT, "%-28s %-36s %,8d %,8d %,8d %-24s %s%n", Text.cut(p.name(), 28), Text.cut(p.individual(), 36),
                        p.commits(), p.unknownCommits(), p.messages(), Text.cut(p.organization() == null ? "Unknown" : p.organization(), 24)
                                + (p.bot() ? " (bot)" : ""), Text.printable(String.join(" ", p.emails())));
            }
        }
        out.flush();
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One individual: identities, enrollments, organizations over time.")
    static final class IdentitiesShow extends Base {
        @Parameters(paramLabel = "PERSON", description = "Any address of the individual.")
        String who;
        @Option(names = "--format", defaultValue = "table", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        ListFormat format;

        @Override
        public Integer call() {
            try (Store store = storeOptions.open()) {
                PeopleQuery q = new PeopleQuery(store.connection());
                PeopleQuery.Details d = q.show(individual(store, who)).orElseThrow(() ->
                        new TributaryException.InvalidInput("'" + who + "' has no commits in the store"));
                PrintWriter out = out();
                if (format == ListFormat.json) {
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
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "merge", mixinStandardHelpOptions = true, description = "Make OTHER individuals part of INTO (undo with 'tributary undo').")
    static final class IdentitiesMerge extends Base {
        @CommandLine.Mixin
        OperationFormat format;

        @Override
        OperationFormat writeFormat() {
            return format;
        }

        @Parameters(index = "0", paramLabel = "INTO", description = "An address of the individual to keep.")
        String into;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "OTHER", description = "Addresses of individuals to merge into it.")
        List<String> others;

        @Override
        public Integer call() {
            try (Store store = storeOptions.open()) {
                String target = individual(store, into);
                for (String o : others) {
                    if (individual(store, o).equals(target)) {
                        out().println("'" + o + "' is already part of " + target);
                        continue;
                    }
                    apply(store, Operation.Kind.MERGE, List.of(into.trim().toLowerCase(Locale.ROOT), o.trim().toLowerCase(Locale.ROOT)));
                }
            }
            return 0;
        }
    }

    @Command(name = "split", mixinStandardHelpOptions = true, description = "Detach an address from its individual.")
    static final class IdentitiesSplit extends Base {
        @CommandLine.Mixin
        OperationFormat format;

        @Override
        OperationFormat writeFormat() {
            return format;
        }

        @Parameters(paramLabel = "EMAIL", description = "The address to detach.")
        String email;

        @Override
        public Integer call() {
            try (Store store = storeOptions.open()) {
                individual(store, email);
                apply(store, Operation.Kind.SPLIT, List.of(email.trim().toLowerCase(Locale.ROOT)));
            }
            return 0;
        }
    }

    @Command(name = "suggest", mixinStandardHelpOptions = true,
            description = "Likely duplicate individuals, with the reason; nothing is merged without 'identities merge'.")
    static final class IdentitiesSuggest extends Base {
        /** One suggestion as {@code identities apply} reads it. */
        record SuggestedMerge(String into, List<String> others, String reason, String rule, double confidence) {
        }

        @Option(names = "--format", defaultValue = "table", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        ListFormat format;

        @Override
        public Integer call() {
            try (Store store = storeOptions.open()) {
                List<Suggestions.Suggestion> s = Suggestions.find(new PeopleQuery(store.connection()).identityRows());
                if (format == ListFormat.json) {
                    // the shape 'identities apply' reads: review, delete what is wrong, apply
                    out().println(Json.write(java.util.Map.of("merges", s.stream().map(x -> new SuggestedMerge(x.individuals().get(0),
                            x.individuals().subList(1, x.individuals().size()), x.reason(), x.rule(), x.confidence())).toList())));
                } else {
                    s.forEach(x -> out().printf(Locale.ROOT, "tributary identities merge %s   # %s%n",
                            Text.printable(String.join(" ", x.individuals())), Text.printable(x.reason())));
                    if (s.isEmpty()) {
                        out().println("no likely duplicates");
                    }
                }
                out().flush();
            }
            return 0;
        }
    }

    @Command(name = "affiliations", mixinStandardHelpOptions = true,
            description = "Import curated affiliation files, enroll people in organizations, find the Unknown.",
            subcommands = {AffiliationsImport.class, AffiliationsEnroll.class, AffiliationsUnknown.class})
    static final class Affiliations implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: import, enroll, unknown");
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import a curated file, replacing what the same file said before; manual operations stay.")
    static final class AffiliationsImport extends Base {
        @CommandLine.Mixin
        OperationFormat format;

        @Override
        OperationFormat writeFormat() {
            return format;
        }

        @Option(names = "--gitdm", paramLabel = "FILE", description = "gitdm.config, or an aliases, domain-map or email-map file.")
        List<Path> gitdm = List.of();
        @Option(names = "--stackalytics", paramLabel = "FILE", description = "Stackalytics default_data.json.")
        List<Path> stackalytics = List.of();
        @Option(names = "--mailmap", paramLabel = "FILE", description = "A .mailmap whose address links join individuals.")
        List<Path> mailmap = List.of();
        @Option(names = "--sortinghat", paramLabel = "FILE", description = "SortingHat JSON (sortinghat export --identities --orgs).")
        List<Path> sortinghat = List.of();

        @Override
        public Integer call() {
            if (gitdm.isEmpty() && stackalytics.isEmpty() && mailmap.isEmpty() && sortinghat.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give --gitdm, --stackalytics, --mailmap or --sortinghat");
            }
            try (Store store = storeOptions.open()) {
                for (var e : List.of(List.of("gitdm", gitdm), List.of("stackalytics", stackalytics), List.of("mailmap", mailmap),
                        List.of("sortinghat", sortinghat))) {
                    @SuppressWarnings("unchecked")
                    List<Path> files = (List<Path>) e.get(1);
                    for (Path f : files) {
                        Curated c = ImportCurated.run(store, (String) e.get(0), f);
                        if (format.json()) {
                            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                            m.put("source", c.source());
                            m.put("aliases", c.aliases().size());
                            m.put("enrollments", c.enrollments().size());
                            m.put("domainRules", c.domains().size());
                            m.put("organizationAliases", c.orgAliases().size());
                            m.put("skippedLines", c.problems().size());
                            out().println(Json.write(m));
                            c.problems().forEach(p -> spec.commandLine().getErr().println("tributary: warning: " + Text.printable(p.toString())));
                            continue;
                        }
                        out().printf(Locale.ROOT, "%s: %,d aliases, %,d enrollments, %,d domain rules, %,d organization aliases; %d lines skipped%n",
                                c.source(), c.aliases().size(), c.enrollments().size(), c.domains().size(), c.orgAliases().size(),
                                c.problems().size());
                        c.problems().forEach(p -> spec.commandLine().getErr().println("tributary: warning: " + Text.printable(p.toString())));
                    }
                }
                out().flush();
            }
            return 0;
        }
    }

    @Command(name = "enroll", mixinStandardHelpOptions = true,
            description = "Say that a person worked for an organization (from/until optional; open ends).")
    static final class AffiliationsEnroll extends Base {
        @CommandLine.Mixin
        OperationFormat format;

        @Override
        OperationFormat writeFormat() {
            return format;
        }

        @Parameters(index = "0", paramLabel = "PERSON", description = "Any address of the individual.")
        String who;
        @Parameters(index = "1", paramLabel = "ORG", description = "The organization (Independent for none).")
        String org;
        @Option(names = "--from", paramLabel = "DATE", description = "First day (YYYY-MM-DD); open if absent.")
        String from;
        @Option(names = "--until", paramLabel = "DATE", description = "Day it ended (exclusive); open if absent.")
        String until;

        @Override
        public Integer call() {
            checkRange(from, until);
            if (org.isBlank()) {
                throw new TributaryException.InvalidInput("the organization name is empty");
            }
            try (Store store = storeOptions.open()) {
                individual(store, who);
                apply(store, Operation.Kind.ENROLL, List.of(who.trim().toLowerCase(Locale.ROOT), org.trim(),
                        from == null ? "" : from.trim(), until == null ? "" : until.trim()));
            }
            return 0;
        }
    }

    @Command(name = "unknown", mixinStandardHelpOptions = true,
            description = "People with commits of Unknown organization, most commits first: what to curate next.")
    static final class AffiliationsUnknown extends Base {
        @Option(names = "--limit", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE}).")
        int limit;
        @Option(names = "--format", defaultValue = "table", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        ListFormat format;

        @Override
        public Integer call() {
            try (Store store = storeOptions.open()) {
                people(new PeopleQuery(store.connection()).list(true, limit, null), format, out());
            }
            return 0;
        }
    }

    @Command(name = "organizations", mixinStandardHelpOptions = true, description = "One organization's investment in a scope; rename organizations, give them aliases and domains.",
            subcommands = {OrganizationShowCommand.class, OrgRename.class, OrgAlias.class, OrgDomain.class})
    static final class Organizations implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: show, rename, alias, domain");
        }
    }

    @Command(name = "rename", mixinStandardHelpOptions = true, description = "Show organization OLD as NEW everywhere.")
    static final class OrgRename extends Base {
        @CommandLine.Mixin
        OperationFormat format;

        @Override
        OperationFormat writeFormat() {
            return format;
        }

        @Parameters(index = "0", paramLabel = "OLD")
        String old;
        @Parameters(index = "1", paramLabel = "NEW")
        String name;

        @Override
        public Integer call() {
            try (Store store = storeOptions.open()) {
                dev.tributary.pipeline.Curate.checkOrgAlias(store, old, name, true);
                apply(store, Operation.Kind.ORG_ALIAS, List.of(old.trim(), name.trim()));
            }
            return 0;
        }
    }

    @Command(name = "alias", mixinStandardHelpOptions = true, description = "ALIAS is another name of ORG (e.g. a domain guess: redhat.com).")
    static final class OrgAlias extends Base {
        @CommandLine.Mixin
        OperationFormat format;

        @Override
        OperationFormat writeFormat() {
            return format;
        }

        @Parameters(index = "0", paramLabel = "ALIAS")
        String alias;
        @Parameters(index = "1", paramLabel = "ORG")
        String org;

        @Override
        public Integer call() {
            try (Store store = storeOptions.open()) {
                dev.tributary.pipeline.Curate.checkOrgAlias(store, alias, org, false);
                apply(store, Operation.Kind.ORG_ALIAS, List.of(alias.trim(), org.trim()));
            }
            return 0;
        }
    }

    @Command(name = "domain", mixinStandardHelpOptions = true, description = "Addresses in DOMAIN (and subdomains) belong to ORG.")
    static final class OrgDomain extends Base {
        @CommandLine.Mixin
        OperationFormat format;

        @Override
        OperationFormat writeFormat() {
            return format;
        }

        @Parameters(index = "0", paramLabel = "ORG")
        String org;
        @Parameters(index = "1", paramLabel = "DOMAIN")
        String domain;
        @Option(names = "--from", paramLabel = "DATE")
        String from;
        @Option(names = "--until", paramLabel = "DATE")
        String until;

        @Override
        public Integer call() {
            checkRange(from, until);
            if (!domain.matches("[A-Za-z0-9.-]+\\.[A-Za-z0-9-]+")) {
                throw new TributaryException.InvalidInput("'" + domain + "' is not a domain name");
            }
            try (Store store = storeOptions.open()) {
                apply(store, Operation.Kind.ORG_DOMAIN, List.of(domain.trim().toLowerCase(Locale.ROOT), org.trim(),
                        from == null ? "" : from.trim(), until == null ? "" : until.trim()));
            }
            return 0;
        }
    }

    @Command(name = "log", mixinStandardHelpOptions = true, description = "The audit log of curation operations, oldest first.")
    static final class Log extends Base {
        @Option(names = "--format", defaultValue = "table", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        ListFormat format;

        @Override
        public Integer call() {
            try (Store store = storeOptions.open()) {
                List<Operation> ops = store.curation().operations();
                Set<Long> active = Resolver.active(ops).stream().map(Operation::id).collect(Collectors.toSet());
                if (format == ListFormat.json) {
                    out().println(Json.write(ops));
                } else {
                    for (Operation op : ops) {
                        boolean inForce = active.contains(op.id()) || op.kind() == Operation.Kind.UNDO;
                        out().printf(Locale.ROOT, "#%-4d %s  %-40s %s%s%n", op.id(), op.at(), Text.cut(op.origin(), 40),
                                Text.printable(op.describe()), inForce ? "" : "  (undone)");
                    }
                }
                out().flush();
            }
            return 0;
        }
    }

    @Command(name = "undo", mixinStandardHelpOptions = true, description = "Cancel an operation (default: the latest still in force).")
    static final class Undo extends Base {
        @CommandLine.Mixin
        OperationFormat format;

        @Override
        OperationFormat writeFormat() {
            return format;
        }

        @Parameters(arity = "0..1", paramLabel = "ID", description = "The operation's number, as 'tributary log' shows it.")
        Long id;

        @Override
        public Integer call() {
            try (Store store = storeOptions.open()) {
                for (Operation op : dev.tributary.pipeline.Curate.undo(store, id, origin())) {
                    // one line per operation: a JSON object each with --format json (a group undone is several)
                    out().println(format.json() ? Json.write(OperationFormat.json(op)) : "#" + op.id() + " " + op.describe());
                }
                out().flush();
            }
            return 0;
        }
    }
}
