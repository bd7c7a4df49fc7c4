package dev.tributary.cli;

import dev.tributary.TributaryException;
import dev.tributary.model.Operation;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tributary organizations domain}: see its {@code --help}. */
@Command(name = "domain", mixinStandardHelpOptions = true, description = "Addresses in DOMAIN (and subdomains) belong to ORG.")
final class OrganizationDomainCommand extends OperationCommand {
    @Parameters(index = "0", paramLabel = "ORG")
    String org;
    @Parameters(index = "1", paramLabel = "DOMAIN")
    String domain;
    @Option(names = "--from", paramLabel = "DATE")
    String from;
    @Option(names = "--until", paramLabel = "DATE")
    String until;

    @Override
    public Integer call() {
        checkRange(from, until);
        if (!domain.matches("[A-Za-z0-9.-]+\\.[A-Za-z0-9-]+")) {
            throw new TributaryException.InvalidInput("'" + domain + "' is not a domain name");
        }
        return logged(Operation.Kind.ORG_DOMAIN, store -> List.of(domain.trim().toLowerCase(Locale.ROOT), org.trim(), end(from), end(until)));
    }
}
