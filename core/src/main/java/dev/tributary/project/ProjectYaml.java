package dev.tributary.project;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.tributary.TributaryException;
import dev.tributary.model.Names;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project file as written: records bound by Jackson from the YAML, before any check of their meaning
 * ({@link Project#load} does that). Every record read keeps where it started in the file
 * ({@link Bound#where}), so a later check can say {@code tributary.yaml:12:5: release 'essex': ...}.
 *
 * <p>Strict by design: an unknown key is named (with the closest known one), a key given twice, a value of
 * the wrong type ({@code releases: 5}), a second YAML document, and YAML anchors and aliases are refused
 * with the file, line and column. Anchors are refused rather than half-supported: Jackson's YAML parser
 * reads an alias as the anchor's name, so {@code b: *g} would silently mean the glob {@code "g"}.
 *
 * <p>To add a section to the project file, add a component to {@link Root} (its record, with the keys as
 * they are written), then map it to a checked value in {@link Project#load}. Unknown keys are errors, so a
 * section that is not declared here cannot be read by mistake.
 */
final class ProjectYaml {
    /** The largest project file read: a project file is a page of YAML, not data. */
    static final long MAX_BYTES = 1 << 20;

    private ProjectYaml() {
    }

    /** The top level of {@code tributary.yaml}. Absent sections are null. */
    record Root(String name,
            List<RepositoryEntry> repositories,
            List<ReleaseEntry> releases,
            List<AffiliationEntry> affiliations,
            @JsonProperty("mailingLists") List<ListEntry> mailingLists,
            Map<String, Strings> modules,
            ReportEntry report,
            List<GitHubEntry> github,
            List<GerritEntry> gerrit,
            IdentitiesEntry identities,
            String ecosystem,
            List<ProjectEntry> projects,
            List<TrackerEntry> trackers) {
    }

    /**
     * An issue tracker: a {@code name} and {@code kind}, then {@code project} (live, with {@code apiUrl} and the
     * credential's {@code tokenEnv} or {@code tokenFile}) or {@code paths} (saved responses). {@code token},
     * {@code apiKey} and {@code password} are declared only to be refused by name: a credential never goes in the file.
     */
    record TrackerEntry(String name, String kind, String project, String apiUrl, Strings paths, Strings path,
            @JsonProperty("tokenEnv") String tokenEnv, @JsonProperty("tokenFile") String tokenFile,
            String token, @JsonProperty("apiKey") String apiKey, String password) {
    }

    /** Overrides of the rules the curated files bring: {@code rules}, {@code mailmap}, {@code mergeByName}, {@code unmatched}. */
    record IdentitiesEntry(String rules, Boolean mailmap, @JsonProperty("mergeByName") Boolean mergeByName, String unmatched) {
    }

    /** A GitHub repository: {@code {repo, backup, apiUrl}}, or a bare {@code OWNER/REPO}. */
    record GitHubEntry(String repo, String backup, String apiUrl) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static GitHubEntry of(String repo) {
            return new GitHubEntry(repo, null, null);
        }
    }

    /** A Gerrit project: {@code {url, project}} for REST, or {@code {dump, host}} for a query dump. */
    record GerritEntry(String url, String project, String dump, String host) {
    }

    /**
     * A project of an ecosystem: its name, its repositories (as under {@code repositories:}), and its own releases
     * and modules (as the top level's, over its repositories only).
     */
    record ProjectEntry(String name, List<RepositoryEntry> repositories, List<ReleaseEntry> releases, Map<String, Strings> modules) {
    }

    /** A repository: {@code {name, path}} or {@code {name, url}}, or a bare path (named after its folder). */
    record RepositoryEntry(String name, String path, String url) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static RepositoryEntry of(String path) {
            return new RepositoryEntry(null, path, null);
        }
    }

    /** A release: ranges per repository name, and/or a window of author dates (text, checked later). */
    record ReleaseEntry(String name, Map<String, String> ranges, String since, String until) {
    }

    /** One curated file: exactly one of the keys is set. */
    record AffiliationEntry(String gitdm, String stackalytics, String mailmap, String sortinghat) {
    }

    /** A mailing list: {@code paths} (or {@code path}), each a file, folder or glob. */
    record ListEntry(String name, Strings paths, Strings path) {
    }

    /** The report's masthead: a title, a subtitle and a logo image (a path relative to the file). */
    record ReportEntry(String title, String subtitle, String logo) {
    }

    /** One string or a list of strings ({@code docs: doc} or {@code docs: [doc, "**\/*.rst"]}). */
    @JsonDeserialize(using = StringsDeserializer.class)
    record Strings(List<String> values) {
        Strings {
            values = List.copyOf(values);
        }
    }

    /** A bound file: its root, and where each record read from it started. */
    record Bound(Path file, Root root, Map<Object, JsonLocation> locations) {
        /** {@code file:line:column} of a record read from the file, or the file alone. */
        String where(Object entry) {
            JsonLocation at = entry == null ? null : locations.get(entry);
            return at == null ? file.toString() : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
        }

        TributaryException.InvalidInput bad(Object entry, String message) {
            return new TributaryException.InvalidInput(where(entry) + ": " + message);
        }
    }

    private static final String LOCATIONS = "tributary.locations";

    /**
     * Reads and binds a project file.
     *
     * @throws TributaryException.InvalidInput naming the file, line and column of what is wrong: not YAML, a
     *                                         duplicate key, an anchor or alias, a second document, an unknown
     *                                         key, a value of the wrong type; or a file that cannot be read
     */
    static Bound read(Path file) {
        byte[] bytes = readBounded(file);
        YAMLFactory yaml = YAMLFactory.builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        Map<String, JsonLocation> keys = checkStructure(file, yaml, bytes);
        ObjectMapper mapper = new ObjectMapper(yaml)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .registerModule(new SimpleModule().setDeserializerModifier(new Locating()));
        Map<Object, JsonLocation> locations = new IdentityHashMap<>();
        Root root;
        try (JsonParser parser = yaml.createParser(bytes)) {
            root = bind(file, mapper, parser, locations, keys);
        } catch (IOException e) {
            throw new TributaryException.InvalidInput(file + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null) {
            throw new TributaryException.InvalidInput(file + ": the file is empty; expected a mapping with name, "
                    + "repositories, releases, affiliations");
        }
        return new Bound(file, root, locations);
    }

    /** Binds with the parser still open when an error is caught, so that the token at fault can be named. */
    private static Root bind(Path file, ObjectMapper mapper, JsonParser parser, Map<Object, JsonLocation> locations,
            Map<String, JsonLocation> keys) {
        try {
            return mapper.readerFor(Root.class).withAttribute(LOCATIONS, locations).readValue(parser);
        } catch (UnrecognizedPropertyException e) {
            List<String> known = e.getKnownPropertyIds() == null ? List.of()
                    : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            String near = Names.closest(e.getPropertyName(), known).map(n -> "did you mean '" + n + "'? ").orElse("");
            throw at(file, keys.getOrDefault(pointer(e.getPath()), tokenLocation(e)), "unknown key '" + e.getPropertyName() + "'" + in(e) + "; " + near
                    + "known keys: " + String.join(", ", known));
        } catch (MismatchedInputException e) {
            throw at(file, keys.getOrDefault(pointer(e.getPath()), tokenLocation(e)), path(e) + ": expected " + expected(e.getTargetType()) + found(e));
        } catch (JsonProcessingException e) {
            throw at(file, e.getLocation(), e.getOriginalMessage());
        } catch (IOException e) {
            throw new TributaryException.InvalidInput(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The file's bytes through the one bounded reader: a regular file of at most {@link #MAX_BYTES}, no pseudo-file. */
    private static byte[] readBounded(Path file) {
        return dev.tributary.InputFiles.read(file, "project file", MAX_BYTES);
    }

    /**
     * A pass over the tokens: syntax, duplicate keys, anchors and aliases, one document only. Returns where
     * each key and list item starts, by JSON pointer ({@code /repositories/0/paht}), for the binding's errors.
     */
    private static Map<String, JsonLocation> checkStructure(Path file, YAMLFactory yaml, byte[] bytes) {
        Map<String, JsonLocation> keys = new java.util.HashMap<>();
        try (YAMLParser p = (YAMLParser) yaml.createParser(bytes)) {
            int depth = 0;
            boolean rootDone = false;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (rootDone) {
                    throw at(file, p.currentTokenLocation(), "a second YAML document; a project file holds one "
                            + "(remove the '---' and what follows, or merge it into the first)");
                }
                if (p.isCurrentAlias()) {
                    throw at(file, p.currentTokenLocation(), "YAML alias '*" + p.getText() + "' is not supported; "
                            + "write the value out in full");
                }
                if (p.getCurrentAnchor() != null && t != JsonToken.FIELD_NAME) {
                    throw at(file, p.currentTokenLocation(), "YAML anchor '&" + p.getCurrentAnchor() + "' is not supported "
                            + "(nor are aliases); write each value out in full");
                }
                if (t == JsonToken.FIELD_NAME || p.getParsingContext().inArray()) {
                    keys.putIfAbsent(p.getParsingContext().pathAsPointer().toString(), p.currentTokenLocation());
                }
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                }
                if (depth == 0 && t != JsonToken.FIELD_NAME) {
                    rootDone = true;
                }
            }
            return keys;
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage();
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException y) {
                m = y.getProblem() + (y.getContext() == null ? "" : " (" + y.getContext() + ")");
            }
            if (m.startsWith("Duplicate field")) {
                m = "key " + m.substring("Duplicate field ".length()) + " is given twice";
            }
            throw at(file, m.startsWith("key ") ? tokenLocation(e) : e.getLocation(), m.lines().findFirst().orElse(m));
        } catch (IOException e) {
            throw new TributaryException.InvalidInput(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Where the token at fault starts (Jackson's own location is where the parser stopped, after it). */
    private static JsonLocation tokenLocation(JsonProcessingException e) {
        return e.getProcessor() instanceof JsonParser p && p.currentTokenLocation() != null ? p.currentTokenLocation() : e.getLocation();
    }

    private static TributaryException.InvalidInput at(Path file, JsonLocation at, String message) {
        String where = at == null || at.getLineNr() < 1 ? file.toString() : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
        return new TributaryException.InvalidInput(where + ": " + message);
    }

    private static String in(JsonMappingException e) {
        List<JsonMappingException.Reference> refs = e.getPath();
        String p = path(refs.subList(0, Math.max(0, refs.size() - 1)));
        return p.isEmpty() ? "" : " in " + p;
    }

    private static String pointer(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            b.append('/').append(r.getIndex() >= 0 ? String.valueOf(r.getIndex())
                    : String.valueOf(r.getFieldName()).replace("~", "~0").replace("/", "~1"));
        }
        return b.toString();
    }

    private static String path(JsonMappingException e) {
        String p = path(e.getPath());
        return p.isEmpty() ? "the file" : "'" + p + "'";
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            }
        }
        return b.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (Collection.class.isAssignableFrom(type) || type == Strings.class) {
            return "a list";
        }
        if (type == String.class) {
            return "text";
        }
        return "a mapping of keys to values";
    }

    private static String found(MismatchedInputException e) {
        if (!(e.getProcessor() instanceof JsonParser p) || p.currentToken() == null) {
            return "";
        }
        try {
            return switch (p.currentToken()) {
                case START_ARRAY -> ", found a list";
                case START_OBJECT, FIELD_NAME -> ", found a mapping";
                case VALUE_NULL -> ", found nothing";
                default -> ", found '" + p.getText() + "'";
            };
        } catch (IOException x) {
            return "";
        }
    }

    /** Wraps the deserializer of every record of this file so that each value read keeps its start location. */
    private static final class Locating extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean, JsonDeserializer<?> d) {
            return bean.getBeanClass().getEnclosingClass() == ProjectYaml.class ? new Located(d) : d;
        }
    }

    private static final class Located extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;

        Located(JsonDeserializer<?> d) {
            super(d);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> d) {
            return new Located(d);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonLocation start = p.currentTokenLocation();
            Object value = super.deserialize(p, ctxt);
            @SuppressWarnings("unchecked")
            Map<Object, JsonLocation> locations = (Map<Object, JsonLocation>) ctxt.getAttribute(LOCATIONS);
            if (value != null && locations != null) {
                locations.put(value, start);
            }
            return value;
        }
    }

    static final class StringsDeserializer extends StdDeserializer<Strings> {
        private static final long serialVersionUID = 1L;

        StringsDeserializer() {
            super(Strings.class);
        }

        @Override
        public Strings deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            List<String> values = new ArrayList<>();
            if (p.currentToken().isScalarValue()) {
                values.add(p.getText());
            } else if (p.currentToken() == JsonToken.START_ARRAY) {
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    if (!t.isScalarValue() || t == JsonToken.VALUE_NULL) {
                        return (Strings) ctxt.handleUnexpectedToken(String.class, p);
                    }
                    values.add(p.getText());
                }
            } else {
                return (Strings) ctxt.handleUnexpectedToken(List.class, p);
            }
            return new Strings(values);
        }
    }

    /** Keeps the order in which the file lists a mapping's keys (Jackson's maps already do; stated for readers). */
    static <V> Map<String, V> ordered(Map<String, V> m) {
        return m == null ? Map.of() : new LinkedHashMap<>(m);
    }
}
