package dev.tributary.cli;

import static dev.tributary.cli.AnalyzeCommandTest.tributary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.testkit.TestRepo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a careless user or an attacker would drive it: each run ends with a clear error, and nothing is lost. */
class HostileInputCommandTest {
    @TempDir
    Path dir;

    private Path repo() throws Exception {
        return TestRepo.threeCommits(dir.resolve("r"));
    }

    @Test
    void a_blank_organization_name_is_refused_before_the_audit_log_and_later_commands_still_work() throws Exception {
        Path repo = repo();
        String db = dir.resolve("s.duckdb").toString();
        assertEquals(0, tributary("analyze", "--quiet", "--db", db, repo.toString()).code());
        for (String[] args : new String[][] {{"organizations", "rename", "example.com", " "}, {"organizations", "alias", "\t", "X"},
                {"organizations", "domain", "", "x.org"}, {"affiliations", "enroll", "ann@example.com", "  "},
                {"affiliations", "enroll", "ann@example.com", "Acme", "--from", "2021-01-01", "--until", "2020-01-01"}}) {
            String[] full = new String[args.length + 2];
            System.arraycopy(args, 0, full, 0, args.length);
            full[args.length] = "--db";
            full[args.length + 1] = db;
            AnalyzeCommandTest.Run run = tributary(full);
            assertEquals(3, run.code(), String.join(" ", args) + ": " + run.err());
            assertFalse(run.err().contains("Exception"), run.err());
        }
        AnalyzeCommandTest.Run log = tributary("log", "--format", "json", "--db", db);
        assertEquals(0, log.code(), log.err());
        assertEquals("[]", log.out().replaceAll("\\s", ""), "no failed operation is in the audit log");
        AnalyzeCommandTest.Run enroll = tributary("affiliations", "enroll", "ann@example.com", "Acme", "--db", db);
        assertEquals(0, enroll.code(), enroll.err());
        assertEquals(0, tributary("analyze", "--quiet", "--db", db, repo.toString()).code());
    }

    @Test
    void threads_below_one_are_a_usage_error() throws Exception {
        Path repo = repo();
        for (String n : new String[] {"0", "-1"}) {
            AnalyzeCommandTest.Run run = tributary("analyze", "--quiet", "--threads", n, "--db", dir.resolve("s.duckdb").toString(),
                    repo.toString());
            assertEquals(2, run.code(), run.err());
            assertTrue(run.err().contains("--threads must be 1 or more, not " + n), run.err());
        }
    }

    @Test
    void a_head_naming_a_deleted_branch_exits_3_naming_head_and_the_store_keeps_its_commits() throws Exception {
        Path repo = repo();
        String db = dir.resolve("s.duckdb").toString();
        assertEquals(0, tributary("analyze", "--quiet", "--db", db, repo.toString()).code());
        Files.writeString(repo.resolve(".git/HEAD"), "ref: refs/heads/gone\n");
        AnalyzeCommandTest.Run run = tributary("analyze", "--quiet", "--db", db, repo.toString());
        assertEquals(3, run.code(), run.err());
        assertTrue(run.err().contains("HEAD points to refs/heads/gone"), run.err());
        Files.writeString(repo.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        AnalyzeCommandTest.Run after = tributary("analyze", "--quiet", "--format", "json", "--db", db, repo.toString());
        assertTrue(after.out().contains("\"commits\" : 3") || after.out().contains("\"commits\":3"), after.out());
    }

    @Test
    void a_lost_standard_output_is_an_error_not_exit_0() throws Exception {
        Path repo = repo();
        OutputStream full = new OutputStream() { // what /dev/full does: every write fails with ENOSPC
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(full), new PrintWriter(err), "analyze", "--quiet", "--format", "json", "--db",
                dir.resolve("s.duckdb").toString(), repo.toString());
        assertNotEquals(0, code);
        assertTrue(err.toString().contains("cannot write to standard output"), err.toString());
    }

    @Test
    void output_through_a_symbolic_link_or_a_fifo_writes_to_the_target_and_a_folder_is_refused() throws Exception {
        Path repo = repo();
        String db = dir.resolve("s.duckdb").toString();
        Path target = dir.resolve("real.txt");
        Files.writeString(target, "old");
        Path link = dir.resolve("link.txt");
        Files.createSymbolicLink(link, target);
        AnalyzeCommandTest.Run run = tributary("report", "--quiet", "--db", db, "--output", link.toString(), repo.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(Files.isSymbolicLink(link), "the link is kept");
        assertTrue(Files.readString(target).contains("changesets from"), "and its target written");

        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        run = tributary("report", "--quiet", "--no-collect", "--db", db, "--output", fifo.toString(), repo.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(reader.get(30, TimeUnit.SECONDS).contains("changesets from"));
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "the FIFO is still a FIFO");

        run = tributary("report", "--quiet", "--no-collect", "--db", db, "--output", dir.toString(), repo.toString());
        assertEquals(3, run.code(), run.err());
        assertTrue(run.err().contains("it is a directory"), run.err());
    }

    @Test
    void a_stackalytics_file_of_the_wrong_shape_exits_3() throws Exception {
        Path f = dir.resolve("default_data.json");
        Files.writeString(f, "{\"users\": 5}");
        AnalyzeCommandTest.Run run = tributary("affiliations", "import", "--stackalytics", f.toString(), "--db",
                dir.resolve("s.duckdb").toString());
        assertEquals(3, run.code(), run.err());
        assertTrue(run.err().contains("'users' must be an array, not a number 5"), run.err());
    }

    @Test
    void a_scope_without_commits_says_so_instead_of_null() throws Exception {
        Path repo = repo();
        AnalyzeCommandTest.Run run = tributary("analyze", "--quiet", "--since", "2100-01-01", "--db", dir.resolve("s.duckdb").toString(),
                repo.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("Activity:     none (no commit in this scope)"), run.out());
        assertFalse(run.out().contains("null"), run.out());
    }

    @Test
    void a_blank_admin_token_is_a_usage_error_and_a_foreign_bind_address_is_named() throws Exception {
        String db = dir.resolve("s.duckdb").toString();
        AnalyzeCommandTest.Run run = tributary("serve", "--db", db, "--port", "0", "--admin-token", " ".repeat(20));
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("the admin token is blank"), run.err());
        run = tributary("serve", "--db", db, "--port", "0", "--bind", "203.0.113.5");
        assertEquals(3, run.code(), run.err());
        assertTrue(run.err().contains("203.0.113.5 is not an address of this machine"), run.err());
        assertFalse(run.err().contains("Port already in use"), run.err());
    }

    @Test
    void collecting_a_device_as_mail_says_what_it_is() throws Exception {
        AnalyzeCommandTest.Run run = tributary("collect", "mail", "--quiet", "--list", "dev", "--db", dir.resolve("s.duckdb").toString(),
                "/dev/zero");
        assertEquals(3, run.code(), run.err());
        assertTrue(run.err().contains("/dev/zero: not a regular file or folder"), run.err());
        assertFalse(run.err().contains("no such file"), run.err());
    }
}
