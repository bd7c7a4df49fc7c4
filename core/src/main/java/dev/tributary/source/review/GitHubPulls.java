package dev.tributary.source.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.model.Actor;
import dev.tributary.model.Change;
import dev.tributary.source.Warning;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns GitHub's own JSON for one pull request into a {@link Change}: the pull request object (from
 * {@code /pulls}, {@code /pulls/N}, or a {@code github-metadata-backup} file's {@code pull}), its timeline
 * events ({@code /issues/N/timeline}, the backup's {@code events}) and its review comments
 * ({@code /pulls/N/comments}, the backup's {@code comments}). Live collection and offline import enter
 * here alike.
 *
 * <p>What comes from where: reviews are the timeline's {@code reviewed} events (a review still pending has
 * no {@code submitted_at} and is left out); discussion comments its {@code commented} events; inline
 * comments the review comments; commits its {@code committed} events; who merged, the pull request's
 * {@code merged_by} or else the {@code merged} event's actor. A deleted account is GitHub's {@code ghost}.
 * Iterations are 1 + force pushes + commits whose committer date is after the pull request was opened.
 *
 * <p>Bad input is data: a pull request without a number, an author or a creation time gives a warning and
 * no change; an event with a bad date is skipped with a warning. Stateless and thread-safe.
 */
public final class GitHubPulls {
    private GitHubPulls() {
    }

    /** The parsed change, or empty with a warning saying what was missing. */
    public record Parsed(Optional<Change> change, List<Warning> warnings) {
    }

    public static Parsed parse(String container, JsonNode pull, JsonNode events, JsonNode reviewComments) {
        List<Warning> warnings = new ArrayList<>();
        String where = container + (pull != null && pull.hasNonNull("number") ? " #" + pull.get("number").asText() : "");
        if (pull == null || !pull.isObject()) {
            warnings.add(new Warning("bad-pull", where, "not a pull request object"));
            return new Parsed(Optional.empty(), warnings);
        }
        if (!pull.path("number").canConvertToLong() || pull.path("number").asLong() <= 0) {
            warnings.add(new Warning("bad-pull", where, "pull request without a number"));
            return new Parsed(Optional.empty(), warnings);
        }
        long number = pull.get("number").asLong();
        Long created = time(pull, "created_at", where, warnings);
        if (created == null) {
            warnings.add(new Warning("bad-pull", where, "pull request without created_at"));
            return new Parsed(Optional.empty(), warnings);
        }
        Actor author = actor(pull.get("user"));
        Long updated = time(pull, "updated_at", where, warnings);
        Long closed = time(pull, "closed_at", where, warnings);
        Long merged = time(pull, "merged_at", where, warnings);
        Actor mergedBy = pull.hasNonNull("merged_by") ? actor(pull.get("merged_by")) : null;
        String state = pull.path("state").asText("");
        Change.State st = merged != null ? Change.State.MERGED
                : "closed".equals(state) || closed != null ? Change.State.CLOSED : Change.State.OPEN;
        if (st == Change.State.CLOSED && closed == null) {
            warnings.add(new Warning("bad-pull", where, "closed without closed_at; taken as closed at its last update"));
            closed = updated;
        }
        if (st == Change.State.MERGED && closed == null) {
            closed = merged;
        }

        List<Change.Review> reviews = new ArrayList<>();
        List<Change.Comment> comments = new ArrayList<>();
        List<Change.Event> other = new ArrayList<>();
        Set<String> shas = new LinkedHashSet<>();
        List<Change.CommitRef> commits = new ArrayList<>();
        int laterCommits = 0;
        int forcePushes = 0;
        String mergeEventSha = "";
        if (events != null && events.isArray()) {
            for (JsonNode e : events) {
                String kind = e.path("event").asText("");
                switch (kind) {
                    case "reviewed": {
                        Long at = time(e, "submitted_at", where, warnings);
                        if (at == null) {
                            break; // pending: not submitted yet
                        }
                        String s = e.path("state").asText("").toUpperCase(Locale.ROOT);
                        int value = s.equals("APPROVED") ? 1 : s.equals("CHANGES_REQUESTED") ? -1 : 0;
                        reviews.add(new Change.Review(e.path("id").asText(""), actor(e.get("user")), at, s, value));
                        break;
                    }
                    case "commented": {
                        Long at = time(e, "created_at", where, warnings);
                        if (at != null) {
                            comments.add(new Change.Comment(e.path("id").asText(""), actor(e.has("user") ? e.get("user") : e.get("actor")), at, "issue"));
                        }
                        break;
                    }
                    case "committed": {
                        String sha = e.path("sha").asText("");
                        if (sha.matches("[0-9a-f]{40}") && shas.add(sha)) {
                            commits.add(new Change.CommitRef(sha, e.path("author").path("name").asText(""),
                                    e.path("author").path("email").asText("")));
                            Long at = time(e.path("committer"), "date", where, warnings);
                            if (at != null && at > created) {
                                laterCommits++;
                            }
                        }
                        break;
                    }
                    case "line-commented":
                        break; // the same comments as the review comments
                    default: {
                        Long at = time(e, "created_at", where, warnings);
                        if (at == null) {
                            break;
                        }
                        Actor who = e.hasNonNull("actor") ? actor(e.get("actor")) : null;
                        String detail = "";
                        if (kind.equals("review_requested") || kind.equals("review_request_removed")) {
                            JsonNode r = e.get("requested_reviewer");
                            detail = r != null && r.isObject() ? actor(r).key()
                                    : e.path("requested_team").path("slug").asText("");
                        } else if (kind.equals("merged")) {
                            mergeEventSha = e.path("commit_id").asText("");
                            detail = mergeEventSha;
                            if (mergedBy == null && who != null) {
                                mergedBy = who;
                            }
                        } else if (kind.equals("head_ref_force_pushed")) {
                            forcePushes++;
                            detail = e.path("commit_id").asText("");
                        }
                        if (kind.equals("review_requested") || kind.equals("ready_for_review") || kind.equals("convert_to_draft")
                                || kind.equals("head_ref_force_pushed") || kind.equals("closed") || kind.equals("reopened")
                                || kind.equals("merged") || kind.equals("review_dismissed") || kind.equals("review_request_removed")) {
                            other.add(new Change.Event(kind, who, at, detail));
                        }
                    }
                }
            }
        }
        if (reviewComments != null && reviewComments.isArray()) {
            for (JsonNode c : reviewComments) {
                Long at = time(c, "created_at", where, warnings);
                if (at != null) {
                    comments.add(new Change.Comment(c.path("id").asText(""), actor(c.get("user")), at, "inline"));
                }
            }
        }
        String mergeSha = !mergeEventSha.isEmpty() ? mergeEventSha : merged != null ? pull.path("merge_commit_sha").asText("") : "";
        Change change = new Change(container, number, pull.path("node_id").asText(""), pull.path("title").asText(""),
                author, created, updated == null ? created : updated, closed, merged, mergedBy, st,
                pull.path("base").path("ref").asText(""), pull.path("head").path("sha").asText(""), mergeSha,
                pull.path("draft").asBoolean(false), 1 + forcePushes + laterCommits, commits, List.of(),
                reviews, comments, other);
        return new Parsed(Optional.of(change), warnings);
    }

    /** A GitHub user object; a missing one (a deleted account) is {@code ghost}. */
    static Actor actor(JsonNode user) {
        if (user == null || !user.isObject() || !user.hasNonNull("login") || user.get("login").asText().isBlank()) {
            return new Actor("github", Actor.GHOST, "", "", false);
        }
        String login = user.get("login").asText();
        boolean bot = "Bot".equals(user.path("type").asText()) || login.toLowerCase(Locale.ROOT).endsWith("[bot]");
        return new Actor("github", login, user.path("name").asText(""), user.path("email").asText(""), bot);
    }

    private static Long time(JsonNode n, String field, String where, List<Warning> warnings) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(v.asText()).getEpochSecond();
        } catch (DateTimeParseException e) {
            warnings.add(new Warning("bad-date", where, field + " '" + bounded(v.asText()) + "' is not an ISO-8601 time"));
            return null;
        }
    }

    static String bounded(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", " ");
        return clean.length() > 80 ? clean.substring(0, 80) + "…" : clean;
    }
}
