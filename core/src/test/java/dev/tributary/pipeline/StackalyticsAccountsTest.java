package dev.tributary.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.identity.Stackalytics;
import dev.tributary.metrics.ReviewMetrics;
import dev.tributary.metrics.Split;
import dev.tributary.model.Curated;
import dev.tributary.source.Progress;
import dev.tributary.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stackalytics' {@code github_id}, {@code gerrit_id} and {@code launchpad_id} link review accounts to the user's
 * addresses, so the accounts' reviews take the user's dated companies. A hand-made fragment of
 * {@code default_data.json} (field names as in openstack/stackalytics' etc/default_data.json and its
 * processor/schema.py) over the small GitHub backup and a Gerrit dump written here.
 */
class StackalyticsAccountsTest {
    @TempDir
    Path dir;

    /**
     * bob (GitHub, no address): Initech until 2024-02-01, then Corp; dand (Gerrit, no address): HP; evee (Gerrit):
     * a launchpad_id with her Gerrit name, Intel; fayf: a launchpad_id whose user_name is not the account's name,
     * so not linked (Stackalytics would not take the guess either).
     */
    static final String FRAGMENT = """
            {"users": [
              {"user_name": "Bob B", "github_id": "Bob", "emails": ["bob@initech.com"],
               "companies": [{"company_name": "Initech", "end_date": "2024-Feb-01"}, {"company_name": "Corp", "end_date": null}]},
              {"user_name": "Dan D", "gerrit_id": "dand", "emails": ["dan@hp.com"], "companies": [{"company_name": "HP", "end_date": null}]},
              {"user_name": "Eve E", "launchpad_id": "evee", "emails": ["eve@intel.com"],
               "companies": [{"company_name": "Intel", "end_date": null}]},
              {"user_name": "Fay Other", "launchpad_id": "fayf", "emails": ["fay@x.org"], "companies": [{"company_name": "X", "end_date": null}]}
            ],
             "companies": []}
            """;

    /** Change 200 by dand; Code-Review +1 by evee, +2 by fayf; none of them shows an address. */
    static final String DUMP = "{\"project\":\"p\",\"branch\":\"master\",\"id\":\"I" + "c".repeat(40) + "\",\"number\":200,"
            + "\"subject\":\"s\",\"owner\":{\"name\":\"Dan D\",\"username\":\"dand\"},\"url\":\"https://review.example.org/200\","
            + "\"createdOn\":1700000000,\"lastUpdated\":1700010000,\"open\":true,\"status\":\"NEW\",\"comments\":[],"
            + "\"patchSets\":[{\"number\":1,\"revision\":\"" + "3".repeat(40) + "\",\"createdOn\":1700000000,"
            + "\"author\":{\"name\":\"Dan D\",\"username\":\"dand\"},\"approvals\":["
            + "{\"type\":\"Code-Review\",\"value\":\"1\",\"grantedOn\":1700003600,\"by\":{\"name\":\"Eve E\",\"username\":\"evee\"}},"
            + "{\"type\":\"Code-Review\",\"value\":\"2\",\"grantedOn\":1700007200,\"by\":{\"name\":\"Fay F\",\"username\":\"fayf\"}}]}]}\n";

    @Test
    void the_importer_reads_the_three_ids_with_the_users_first_address() throws Exception {
        Path f = Files.writeString(dir.resolve("default_data.json"), FRAGMENT);
        Curated c = Stackalytics.read(f);
        assertEquals(List.of(new Curated.AccountId("github", "Bob", "Bob B", "bob@initech.com"),
                new Curated.AccountId("gerrit", "dand", "Dan D", "dan@hp.com"),
                new Curated.AccountId("launchpad", "evee", "Eve E", "eve@intel.com"),
                new Curated.AccountId("launchpad", "fayf", "Fay Other", "fay@x.org")), c.accounts());
        // a github_id that is not a string: the user is skipped whole, with the reason
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"users\": [{\"user_name\": \"Z\", \"github_id\": 5,"
                + " \"emails\": [\"z@z.org\"], \"companies\": []}], \"companies\": []}");
        Curated b = Stackalytics.read(bad);
        assertEquals(List.of(), b.accounts());
        assertEquals(List.of(), b.aliases());
        assertTrue(b.problems().get(0).message().contains("github_id must be a non-empty string, not 5"), b.problems().toString());
    }

    @Test
    void linked_accounts_review_for_the_users_companies_at_the_time_and_a_name_mismatch_stays_unlinked() throws Exception {
        Path f = Files.writeString(dir.resolve("default_data.json"), FRAGMENT);
        Path dump = Files.writeString(dir.resolve("gerrit.json"), DUMP);
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectReviews.importGitHubBackup(store, CollectReviewsTest.small(), "github/o/r", Progress.NONE);
            CollectReviews.importGerritDump(store, dump, "review.example.org", Progress.NONE);
            ImportCurated.run(store, "stackalytics", f);
            Resolve.deriveStale(store);
            Map<String, String> links = new TreeMap<>();
            try (Statement st = store.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT key, email || ' ' || origin FROM review_links")) {
                while (rs.next()) {
                    links.put(rs.getString(1), rs.getString(2));
                }
            }
            assertEquals("bob@initech.com curated", links.get("github:bob"));
            assertEquals("dan@hp.com curated", links.get("gerrit:review.example.org:dand"));
            assertEquals("eve@intel.com curated", links.get("gerrit:review.example.org:evee"));
            assertEquals(null, links.get("gerrit:review.example.org:fayf"));
            assertEquals("alice@acme.org pull-commits", links.get("github:alice")); // the other rules still apply
            ReviewMetrics rm = new ReviewMetrics(store.connection());
            Map<String, Long> byOrg = new TreeMap<>();
            rm.reviewers(new ReviewMetrics.ReviewScope(List.of(), null, null), Split.organization, 0)
                    .forEach(r -> byOrg.put(r.organization(), r.reviews()));
            // bob approved #1 on 2024-01-02 (Initech) and asked for changes on #2 on 2024-02-05 (Corp); evee's +1 for
            // Intel; fayf's +2 for nobody known
            assertEquals(1L, byOrg.get("Initech"), byOrg.toString());
            assertEquals(1L, byOrg.get("Corp"), byOrg.toString());
            assertEquals(1L, byOrg.get("Intel"), byOrg.toString());
            assertTrue(byOrg.getOrDefault("Unknown", 0L) >= 1, byOrg.toString());
            // dand's change counts for HP
            Map<String, Double> created = new TreeMap<>();
            rm.run(new ReviewMetrics.ReviewScope(List.of(), null, null), List.of(ReviewMetrics.Metric.change_requests_new), null,
                    Split.organization, 0).stream().filter(p -> !p.group().equals("all")).forEach(p -> created.put(p.group(), p.value()));
            assertEquals(1.0, created.get("HP"), created.toString());
            // importing the same file again changes nothing
            ImportCurated.run(store, "stackalytics", f);
            try (Statement st = store.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM review_account_ids")) {
                rs.next();
                assertEquals(4, rs.getLong(1));
            }
        }
    }
}
