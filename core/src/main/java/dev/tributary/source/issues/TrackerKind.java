package dev.tributary.source.issues;

import dev.tributary.TributaryException;
import java.util.Locale;

/** The kinds of issue tracker Tributary reads; each has its own response shapes and its own way to cite an issue. */
public enum TrackerKind {
    GITHUB, JIRA, LAUNCHPAD, BUGZILLA;

    /** The lower-case name used in the store, the CLI and the project file. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The public API root a tracker of this kind is read from by default. */
    public String defaultApi() {
        return switch (this) {
            case GITHUB -> "https://api.github.com";
            case JIRA -> "https://issues.apache.org/jira";
            case LAUNCHPAD -> "https://api.launchpad.net/1.0";
            case BUGZILLA -> "https://bugzilla.redhat.com";
        };
    }

    /** The environment variable a credential is taken from by default ({@code GITHUB_TOKEN}, ...). */
    public String tokenVariable() {
        return name() + "_TOKEN";
    }

    private static final java.util.regex.Pattern PROJECT = java.util.regex.Pattern.compile("[A-Za-z0-9_.+-]{1,100}(/[A-Za-z0-9_.+-]{1,100})?");

    /**
     * Checks a live tracker's project ({@code OWNER/REPO} on GitHub, a key, a project or a product name): safe to put
     * in a URL path and an archive folder name.
     *
     * @throws TributaryException.InvalidInput naming the kind and the project
     */
    public String checkProject(String project) {
        if (project == null || !PROJECT.matcher(project).matches() || project.contains("..")) {
            throw new TributaryException.InvalidInput("bad " + id() + " project '" + project + "'");
        }
        return project;
    }

    /**
     * The credential as this kind of tracker expects it: Bugzilla's API key in the {@code X-BUGZILLA-API-KEY} header
     * (Bugzilla 5.0 and later), every other kind's token as a bearer token.
     */
    public java.util.Optional<dev.tributary.source.http.Token> credential(java.util.Optional<dev.tributary.source.http.Token> token) {
        return this == BUGZILLA ? token.map(t -> t.inHeader("X-BUGZILLA-API-KEY")) : token;
    }

    /** @throws TributaryException.InvalidInput naming the accepted kinds */
    public static TrackerKind of(String s) {
        for (TrackerKind k : values()) {
            if (k.id().equals(s == null ? "" : s.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new TributaryException.InvalidInput("unknown tracker kind '" + s + "': github, jira, launchpad or bugzilla");
    }
}
