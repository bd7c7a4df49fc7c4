package dev.tributary.cli;

import dev.tributary.metrics.Interval;
import dev.tributary.project.Project;
import dev.tributary.report.HtmlReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Option;

/** The HTML report's options shared by {@code report --format html} and {@code analyze --html}. */
final class HtmlOptions {
    @Option(names = "--show-emails", description = "HTML: show addresses in full (default: masked as \u2026@domain).")
    boolean showEmails;

    @Option(names = "--hide-emails", hidden = true, description = "HTML: mask addresses (the default; kept for scripts).")
    boolean hideEmails;

    @Option(names = "--title", paramLabel = "TEXT", description = "HTML: the report's title (default: the project "
            + "file's report.title, else the scope).")
    String title;

    @Option(names = "--subtitle", paramLabel = "TEXT", description = "HTML: a subtitle under the title (default: report.subtitle).")
    String subtitle;

    @Option(names = "--logo", paramLabel = "FILE", description = "HTML: a logo image (.png, .svg, .jpg; inlined; "
            + "default: report.logo).")
    Path logo;

    HtmlReport.Options options(int top, Interval interval, Project project, StoreOptions store, String scopeText,
            List<HtmlReport.Release> releases) {
        Project.Masthead m = project == null ? Project.Masthead.NONE : project.masthead();
        Project.Masthead masthead = new Project.Masthead(title != null ? title : m.title(),
                subtitle != null ? subtitle : m.subtitle(), logo != null ? logo : m.logo());
        return new HtmlReport.Options(top, interval, showEmails && !hideEmails, masthead, asOf(store.path()), scopeText, releases,
                dev.tributary.metrics.ScopeResolver.reviewContainers(project));
    }

    /** When the store was last written: its file's (or write-ahead log's) modification time. */
    static Instant asOf(Path db) {
        Instant t = null;
        for (Path p : List.of(db, db.resolveSibling(db.getFileName() + ".wal"))) {
            try {
                Instant m = Files.getLastModifiedTime(p).toInstant();
                t = t == null || m.isAfter(t) ? m : t;
            } catch (IOException e) {
                // no such file: nothing to date
            }
        }
        return t;
    }
}
