package dev.tributary.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * The base of the commands that read or write the store: the command's spec (its output and error streams, for
 * tests to inject) and the {@code --db} option ({@link StoreOptions}). A command object serves one run.
 */
abstract class StoreCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StoreOptions storeOptions;

    /** Where the command prints its result. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
