package dev.tributary.cli;

import dev.tributary.TributaryException;
import dev.tributary.pipeline.ExportCurated;
import dev.tributary.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tributary identities export --format sortinghat|stackalytics|gitdm}: the curated state in a peer's format,
 * to standard output or a file (gitdm: a folder of files).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write individuals, enrollments, domains and organization aliases in a peer's format: SortingHat JSON "
                + "(re-importable with 'affiliations import --sortinghat', lossless), a Stackalytics default_data.json fragment "
                + "(users, companies), or gitdm files (--output FOLDER: gitdm.config, aliases, domain-map, email-map).")
final class IdentitiesExportCommand extends CurationCommand {
    enum Format { sortinghat, stackalytics, gitdm }

    @Option(names = "--format", required = true, description = "${COMPLETION-CANDIDATES}.")
    Format format;

    @Option(names = "--output", paramLabel = "PATH", description = "A file (a folder for gitdm); default: standard output.")
    Path output;

    @Override
    public Integer call() {
        try (Store store = storeOptions.open()) {
            switch (format) {
                case sortinghat:
                    Output.write(spec, output, ExportCurated.sortingHat(store));
                    break;
                case stackalytics:
                    Output.write(spec, output, ExportCurated.stackalytics(store));
                    break;
                default:
                    Map<String, String> files = ExportCurated.gitdm(store);
                    if (output == null) {
                        files.forEach((name, text) -> out().print("==> " + name + " <==\n" + text));
                        out().flush();
                    } else {
                        try {
                            Files.createDirectories(output);
                            for (var f : files.entrySet()) {
                                Files.writeString(output.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
                            }
                        } catch (IOException e) {
                            throw new TributaryException.InvalidInput(output + ": cannot write (" + e.getMessage() + ")", e);
                        }
                        out().println("wrote " + String.join(", ", files.keySet()) + " in " + output);
                        out().flush();
                    }
            }
        }
        return 0;
    }
}
