package dev.tributary.source.mail;

import dev.tributary.model.PatchFacts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PatchesTest {
    static String show(PatchFacts.Subject s) {
        return (s.reply() ? "reply " : "") + (s.tagged() ? "patch " : "") + (s.rfc() ? "rfc " : "") + (s.resend() ? "resend " : "")
                + "v" + s.version() + " " + s.number() + "/" + s.total() + " '" + s.topic() + "'";
    }

    @Test
    void subject_tags_give_version_number_total_and_flags() {
        assertEquals("patch v1 -1/-1 'mips: fix the build'", show(Patches.subject("[PATCH] MIPS: Fix  the build")));
        assertEquals("patch v3 2/7 'mips: fix'", show(Patches.subject("[PATCH v3 2/7] mips: fix")));
        assertEquals("patch v2 1/3 'net: x'", show(Patches.subject("[PATCHv2 1/3] net: x")));
        assertEquals("patch rfc v1 0/4 'a cover'", show(Patches.subject("[RFC PATCH 0/4] A cover")));
        assertEquals("patch resend v4 -1/-1 'y'", show(Patches.subject("[PATCH RESEND v4] y")));
        assertEquals("patch v2 5/9 'z'", show(Patches.subject("[linux-mips] [PATCH net-next v2 05/09] z")));
        assertEquals("reply patch v2 1/2 'z'", show(Patches.subject("Re: [PATCH v2 1/2] z")));
        assertEquals("v1 -1/-1 'a question [about] brackets'", show(Patches.subject("a question [about] brackets")));
        assertEquals("reply v1 -1/-1 'q'", show(Patches.subject("RE: AW: q")));
    }

    @Test
    void the_kind_comes_from_the_tags_or_a_diff_in_the_body_and_a_reply_is_never_a_patch() {
        String diff = "Fix it.\n\n---\n a.c | 2 +-\n\ndiff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1 +1 @@\n-x\n+y\n";
        assertEquals(PatchFacts.Kind.PATCH, Patches.kind(Patches.subject("[PATCH] a"), ""));
        assertEquals(PatchFacts.Kind.COVER, Patches.kind(Patches.subject("[PATCH 0/2] a"), ""));
        assertEquals(PatchFacts.Kind.PATCH, Patches.kind(Patches.subject("untagged fix"), diff));
        assertEquals(PatchFacts.Kind.REPLY, Patches.kind(Patches.subject("Re: [PATCH] a"), diff));
        assertEquals(PatchFacts.Kind.OTHER, Patches.kind(Patches.subject("question"), "> diff --git a/a.c b/a.c\n> --- a/a.c\n"));
        assertTrue(Patches.hasDiff("--- old/file.c\n+++ new/file.c\n@@ -1,2 +1,2 @@\n"), "a plain diff -u");
        assertFalse(Patches.hasDiff("> --- a/x\n> +++ b/x\n> @@ -1 +1 @@\n"), "a quoted diff");
    }

    @Test
    void review_trailers_are_unquoted_lines_with_their_person_and_a_nak_line_counts() {
        String body = "> Reviewed-by: Quoted <q@x.org>\n"
                + "Looks good.\n\nReviewed-by: Ann Lee <Ann@IBM.com>\n  Acked-by: bob@redhat.com\n"
                + "Tested-by: \"Cy, Dee\" <cy@suse.com> # on a Malta board\nNacked-by: Erin\n";
        assertEquals(List.of(new PatchFacts.ReviewTrailer("reviewed", "Ann Lee", "ann@ibm.com"),
                new PatchFacts.ReviewTrailer("acked", "", "bob@redhat.com"),
                new PatchFacts.ReviewTrailer("tested", "Cy, Dee", "cy@suse.com"),
                new PatchFacts.ReviewTrailer("nacked", "Erin", "")), Patches.reviewTrailers(body));
        assertEquals(List.of(new PatchFacts.ReviewTrailer("nacked", "", "")), Patches.reviewTrailers("NAK.\n\nThis breaks x86."));
        assertEquals(List.of(), Patches.reviewTrailers("I would NAK this if it were mine."), "NAK inside a sentence is not a NAK");
    }
}
