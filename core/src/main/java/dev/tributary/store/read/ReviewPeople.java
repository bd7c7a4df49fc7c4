package dev.tributary.store.read;

/**
 * Who a review account is, as one SQL fragment for every read of review data (the review metrics, the Parquet
 * export): {@code rp AS (...),} with, per account key, whether it is a bot, its address (the linked one, else the
 * key), its individual (the address's, else the linked person's) and its display name. Stateless.
 */
public final class ReviewPeople {
    /** {@code rp AS (SELECT key, is_bot, email, individual, display_name ...),}, ready to follow {@code WITH}. */
    public static final String CTE = "rp AS (SELECT ra.key, ra.is_bot, coalesce(l.email, ra.key) AS email,"
            + " coalesce(io.individual, idp.person, l.email, ra.key) AS individual,"
            + " coalesce(nullif(idp.display_name, ''), nullif(ra.name, ''), ra.login) AS display_name"
            + " FROM review_actors ra LEFT JOIN review_links l ON l.key = ra.key"
            + " LEFT JOIN (SELECT email, min(person) AS person, min(display_name) AS display_name FROM identities GROUP BY email) idp"
            + "  ON idp.email = l.email"
            + " LEFT JOIN individual_of io ON io.email = coalesce(idp.person, l.email)),";

    private ReviewPeople() {
    }
}
