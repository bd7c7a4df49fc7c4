package dev.tributary.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.TributaryException;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.store.Store;
import dev.tributary.testkit.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stackalytics' rules on hand-made data, each expectation worked out from its processor's source
 * (openstack/stackalytics, {@code stackalytics/processor/}):
 * <ul>
 * <li>{@code normalizer._normalize_user}: companies sorted by end date, the open one last; when the last has an
 *     end date, {@code *independent} is appended after it;</li>
 * <li>{@code user_processor.get_company_for_date}: the first company whose end date is after the change's date,
 *     else the last; a user from default_data is {@code static}, so no domain overrides it
 *     ({@code record_processor._update_record_and_user});</li>
 * <li>{@code user_processor.get_company_by_email}: for other addresses the longest matching domain of two labels
 *     or more, else ({@code create_user}) {@code *independent};</li>
 * <li>Stackalytics reads {@code git log} with {@code %ae} ({@code vcs.py}), which no .mailmap changes.</li>
 * </ul>
 */
class StackalyticsRulesTest {
    @TempDir
    Path dir;

    static final String DATA = """
            {
              "users": [
                {"launchpad_id": "ann", "user_name": "Ann Lee", "emails": ["ann@bigcorp.com", "ann@gmail.com"],
                 "companies": [{"company_name": "Globex", "end_date": null}, {"company_name": "BigCorp", "end_date": "2012-Jan-01"}]},
                {"launchpad_id": "bo", "user_name": "Bo", "emails": ["bo@bigcorp.com"],
                 "companies": [{"company_name": "Initech", "end_date": "2012-Jan-01"}]}
              ],
              "companies": [
                {"company_name": "BigCorp", "domains": ["bigcorp.com"]},
                {"company_name": "BigCorp Labs", "domains": ["labs.bigcorp.com"]}
              ]
            }
            """;

    Store collected() throws Exception {
        Path repo = dir.resolve("r");
        try (TestRepo r = TestRepo.init(repo)) {
            r.commits("Ann Lee", "ann@gmail.com", "a", "2011-06-01T10:00:00Z");
            r.commits("Ann Lee", "ann@bigcorp.com", "a", "2013-06-01T10:00:00Z");
            r.commits("Bo", "bo@bigcorp.com", "b", "2011-06-01T10:00:00Z", "2013-06-01T10:00:00Z");
            r.commits("Cy", "cy@labs.bigcorp.com", "c", "2011-06-01T10:00:00Z");
            r.commits("Di", "di@treshenry.net", "d", "2011-06-01T10:00:00Z");
            r.commits("Ed", "ed@ya.ru", "e", "2011-06-01T10:00:00Z");
            r.commits("Fay", "fay@old.example.net", "f", "2011-06-01T10:00:00Z");
            Files.writeString(repo.resolve(".mailmap"), "Fay <fay@bigcorp.com> <fay@old.example.net>\n");
        }
        Files.writeString(dir.resolve("default_data.json"), DATA);
        Store store = Store.open(dir.resolve("s.duckdb"));
        CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE);
        ImportCurated.run(store, "stackalytics", dir.resolve("default_data.json"));
        return store;
    }

    @Test
    void a_users_companies_cover_all_time_and_end_in_independent_after_the_last_end_date() throws Exception {
        try (Store store = collected()) {
            // ann@gmail.com is Ann's: BigCorp until 2012, then the open Globex; no domain overrides a static user
            assertEquals(List.of("BigCorp 2011-06-01..2011-06-01 1", "Globex 2013-06-01..2013-06-01 1"),
                    AffiliationAtDateTest.stints(store, "ann@gmail.com"));
            // bo's only company ends: *independent after, although bigcorp.com is BigCorp's domain
            assertEquals(List.of("Initech 2011-06-01..2011-06-01 1", "Independent 2013-06-01..2013-06-01 1"),
                    AffiliationAtDateTest.stints(store, "bo@bigcorp.com"));
        }
    }

    @Test
    void other_addresses_take_the_longest_domain_else_independent_and_no_mailmap_applies() throws Exception {
        try (Store store = collected()) {
            assertEquals(List.of("BigCorp Labs 2011-06-01..2011-06-01 1"), AffiliationAtDateTest.stints(store, "cy@labs.bigcorp.com"));
            // personal domains and webmail alike are *independent, not an organization named after the domain
            assertEquals(List.of("Independent 2011-06-01..2011-06-01 1"), AffiliationAtDateTest.stints(store, "di@treshenry.net"));
            assertEquals(List.of("Independent 2011-06-01..2011-06-01 1"), AffiliationAtDateTest.stints(store, "ed@ya.ru"));
            // %ae: the repository's .mailmap does not move Fay to bigcorp.com
            assertEquals(List.of("Independent 2011-06-01..2011-06-01 1"), AffiliationAtDateTest.stints(store, "fay@old.example.net"));
        }
    }

    @Test
    void a_user_with_overlapping_companies_is_refused_naming_the_file_and_the_user_and_nothing_stored_is_lost() throws Exception {
        try (Store store = collected()) {
            Path bad = dir.resolve("default_data.json");
            Files.writeString(bad, DATA.replace("{\"company_name\": \"Globex\", \"end_date\": null}",
                    "{\"company_name\": \"Globex\", \"end_date\": \"2012-Jan-01\"}"));
            TributaryException.InvalidInput e = assertThrows(TributaryException.InvalidInput.class,
                    () -> ImportCurated.run(store, "stackalytics", bad));
            assertTrue(e.getMessage().contains("default_data.json: users[0] (ann)"), e.getMessage());
            assertTrue(e.getMessage().contains("'Globex' and 'BigCorp' overlap"), e.getMessage());
            assertEquals(List.of("BigCorp 2011-06-01..2011-06-01 1", "Globex 2013-06-01..2013-06-01 1"),
                    AffiliationAtDateTest.stints(store, "ann@gmail.com"));
            assertEquals(0, store.curation().operations().size());
        }
    }
}
