package dev.tributary.cli;

import picocli.CommandLine;

/**
 * The curation commands that log operations ({@code merge}, {@code split}, {@code enroll}, {@code import},
 * {@code rename}, {@code alias}, {@code domain}, {@code undo}): a {@link CurationCommand} with the {@code --format}
 * of what was done ({@link OperationFormat}).
 */
abstract class OperationCommand extends CurationCommand {
    @CommandLine.Mixin
    OperationFormat format;
}
