package dev.tributary.cli;

import dev.tributary.TributaryException;
import dev.tributary.model.Operation;
import dev.tributary.metrics.PeopleQuery;
import dev.tributary.model.DateRange;
import dev.tributary.pipeline.Resolve;
import dev.tributary.store.Store;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * The base of the curation commands ({@code identities}, {@code affiliations}, {@code organizations},
 * {@code log}, {@code undo}): the store, the output, and logging an operation. Every change is an operation
 * in the audit log, replayed over the curated files at each resolution, so it survives re-imports and can be
 * undone; figures change at once, nothing is collected again.
 */
abstract class CurationCommand extends StoreCommand {
    String origin() {
        return "tributary " + spec.qualifiedName(" ").replaceFirst("^tributary ", "");
    }

    /** {@code --format} of a write command (its {@link OperationFormat} mixin); null for the commands that only read. */
    OperationFormat writeFormat() {
        return spec.mixins().values().stream().map(CommandLine.Model.CommandSpec::userObject)
                .filter(OperationFormat.class::isInstance).map(OperationFormat.class::cast).findFirst().orElse(null);
    }

    /** Logs the operation, re-resolves, and prints what was done (a JSON object per operation with --format json). */
    Operation apply(Store store, Operation.Kind kind, List<String> args) {
        Operation op = Resolve.log(store, origin(), kind, args);
        printed(op);
        out().flush();
        return op;
    }

    /**
     * Opens the store and logs one operation of {@code kind} (see {@link #apply}) with the arguments
     * {@code checked} gives after its checks against the store. Exit 0.
     */
    Integer logged(Operation.Kind kind, java.util.function.Function<Store, List<String>> checked) {
        try (Store store = storeOptions.open()) {
            apply(store, kind, checked.apply(store));
        }
        return 0;
    }

    /** A stretch's end as an operation's argument: trimmed, "" for an open end. */
    static String end(String date) {
        return date == null ? "" : date.trim();
    }

    /** Prints one operation done: {@code #id description}, or a JSON object with --format json. */
    void printed(Operation op) {
        out().println(writeFormat() != null && writeFormat().json() ? Json.write(op.listed()) : "#" + op.id() + " " + op.describe());
    }

    /** Checks --from and --until: dates, in order. */
    static void checkRange(String from, String until) {
        Long f = DateRange.parseEnd("--from", from);
        Long u = DateRange.parseEnd("--until", until);
        if (!DateRange.holdsTime(f, u)) {
            throw new TributaryException.InvalidInput("--from " + from + " is not before --until " + until);
        }
    }

    static String individual(Store store, String who) {
        return new PeopleQuery(store.connection()).individualOf(who).orElseThrow(() ->
                new TributaryException.InvalidInput("no identity with the address '" + who + "' in the store"));
    }

    /** A read of the people the store holds. */
    @FunctionalInterface
    interface PeopleRead {
        void run(PeopleQuery people, Store store);
    }

    /** Opens the store, derives what a write (or a killed run) left stale, reads, flushes; exit code 0. */
    int reading(PeopleRead read) {
        try (Store store = storeOptions.open()) {
            Resolve.deriveStale(store);
            read.run(new PeopleQuery(store.connection()), store);
        }
        out().flush();
        return 0;
    }

    static void people(List<PeopleQuery.Person> people, ListFormat format, PrintWriter out) {
        if (format.json()) {
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
}
