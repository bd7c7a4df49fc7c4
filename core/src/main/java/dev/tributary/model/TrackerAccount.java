package dev.tributary.model;

import java.util.Objects;

/**
 * An account on an issue tracker, as the tracker names it: a GitHub login, a Jira user name (or cloud account
 * id), a Launchpad person name, a Bugzilla address. Immutable. The {@code login} is the tracker's stable
 * handle and the identity key; {@code name} and {@code email} are what the tracker shows beside it (often
 * empty). Bots are judged where the tracker says so (GitHub's {@code type: Bot}) or by the same name and
 * address rules as commit authors.
 */
public record TrackerAccount(String login, String name, String email, boolean bot) {
    /** Characters kept of a login, name or address: tracker text is untrusted and bounded. */
    public static final int LIMIT = 256;

    /** Stands for an account the tracker no longer names (a deleted GitHub user shows as none). */
    public static final TrackerAccount GHOST = new TrackerAccount("ghost", "", "", false);

    public TrackerAccount {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        if (login.isBlank()) {
            throw new IllegalArgumentException("blank tracker login");
        }
        login = cut(login);
        name = cut(name);
        email = cut(email);
    }

    private static String cut(String s) {
        return s.length() <= LIMIT ? s : s.substring(0, LIMIT);
    }
}
