package dev.tributary.model;

import java.util.List;

/** A list's messages as patch-series grouping needs them, and the grouping it gives ({@code source.mail.PatchSeries}): records shared with the store. */
public final class SeriesGrouping {
    private SeriesGrouping() {
    }

    /** One message of the list, as grouping needs it. */
    public record Node(String id, String parent, PatchFacts.Kind kind, int version, int number, int total, String topic,
            String sender, long epoch) {
    }

    /** A patch or cover letter with its series and the series' family. */
    public record Patch(String id, String series, String family) {
    }

    /** A message answering the patch (or cover letter) {@code target} of series {@code series}. */
    public record Reply(String id, String target, String series) {
    }

    public record Result(List<Patch> patches, List<Reply> replies) {
    }
}
