package dev.tributary.model;

import dev.tributary.TributaryException;

/**
 * Who did something on a review system: a GitHub login or a Gerrit account, with what the system says of
 * it. It is a raw identity: the identity stage links it to an address (and so to an individual and an
 * organization) or keeps it as its own individual.
 *
 * @param system  {@code github} or {@code gerrit} (with host for Gerrit: {@code gerrit:review.example.org})
 * @param login   the login or username; for a Gerrit account without username, {@code #<account id>}
 * @param name    display name, or empty
 * @param email   address the system shows, or empty (GitHub shows none in pull request data)
 * @param bot     the system marks it a bot (GitHub {@code "type": "Bot"}), or its name says so
 */
public record Actor(String system, String login, String name, String email, boolean bot) {
    /** GitHub's placeholder for deleted accounts. */
    public static final String GHOST = "ghost";

    public Actor {
        if (system == null || system.isBlank()) {
            throw new TributaryException.InvalidInput("an actor needs a system");
        }
        if (login == null || login.isBlank()) {
            throw new TributaryException.InvalidInput("an actor of " + system + " needs a login");
        }
        name = name == null ? "" : name;
        email = email == null ? "" : email.strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** The key this actor is stored and resolved under: {@code github:login}, lower-cased (GitHub logins are case-insensitive). */
    public String key() {
        return system + ":" + login.toLowerCase(java.util.Locale.ROOT);
    }
}
