package org.elearn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The operator's commands, run through the local run's jar:
 * {@code java -jar infra/local-run/target/learning-local.jar <command>}.
 * <ul>
 *   <li>{@code rotate-kek}: with the system stopped, a new key-encryption key and every data key
 *       re-wrapped under it ({@link KekRotation});</li>
 *   <li>{@code verify-history [from] [to]}: the sealed history re-checked on the database
 *       ({@link HistoryCheck});</li>
 *   <li>{@code rebuild <projection>}: a projection rebuilt by the running services, with a progress
 *       bar ({@link RebuildCommand});</li>
 *   <li>{@code check-keys}: events sealed under a data key that is gone although its subject was
 *       never erased ({@link KeyCheck});</li>
 *   <li>{@code help [command]}.</li>
 * </ul>
 * The launcher gives the commands its secrets directory and, for the two that work on the database
 * itself, opens the database it would run on (its embedded PostgreSQL, or {@code LEARNING_DB_URL}).
 * An unknown command is refused with a message and exit code 2, before anything is started.
 */
@Command(name = "learning-local.jar", mixinStandardHelpOptions = true, subcommands = CommandLine.HelpCommand.class,
        description = "The learning platform's local run. Without a command it starts the services; "
                + "with one, it runs that operator command and exits.")
public final class LearningCli {

    /** What the commands need from the launcher. */
    public interface Launcher {

        /** The secrets directory (KEK files, audit signing key, generated operator password). */
        Path secrets();

        /** Opens the database the run uses; closing it stops it when the launcher started it. */
        Database openDatabase() throws Exception;
    }

    /** The run's database, open for an offline command. */
    public interface Database extends AutoCloseable {

        DataSource dataSource();

        @Override
        void close();
    }

    private LearningCli() {
    }

    /** The command line, with its sub-commands bound to the launcher. */
    public static CommandLine commandLine(Launcher launcher) {
        CommandLine line = new CommandLine(new LearningCli());
        line.addSubcommand("rotate-kek", new RotateKek(launcher));
        line.addSubcommand("verify-history", new VerifyHistory(launcher));
        line.addSubcommand("rebuild", new Rebuild(launcher));
        line.addSubcommand("check-keys", new CheckKeys(launcher));
        // a mistyped command: the message, picocli's nearest commands, and always the list of all of them
        line.setParameterExceptionHandler((error, args) -> {
            CommandLine failed = error.getCommandLine();
            failed.getErr().println(error.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(error, failed.getErr());
            failed.usage(failed.getErr());
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        return line;
    }

    /** Runs one command; answers its exit code (2 for a usage error, such as an unknown command). */
    public static int execute(Launcher launcher, PrintWriter out, PrintWriter err, String... args) {
        CommandLine line = commandLine(launcher);
        line.setOut(out);
        line.setErr(err);
        return line.execute(args);
    }

    /** A sub-command: the launcher it works through, and picocli's model of it for its output. */
    abstract static class OperatorCommand implements Callable<Integer> {

        final Launcher launcher;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        OperatorCommand(Launcher launcher) {
            this.launcher = launcher;
        }
    }

    @Command(name = "rotate-kek", mixinStandardHelpOptions = true,
            description = "With the system stopped: a new key-encryption key, every data key re-wrapped under it, "
                    + "the old key deleted. Events are not touched.")
    static final class RotateKek extends OperatorCommand {

        RotateKek(Launcher launcher) {
            super(launcher);
        }

        @Override
        public Integer call() throws Exception {
            if (!Settings.setting("LEARNING_KEK", "").isBlank() || !Settings.setting("LEARNING_KEK_FILE", "").isBlank()) {
                spec.commandLine().getErr().println("rotate-kek manages the local KEK files; with LEARNING_KEK or "
                        + "LEARNING_KEK_FILE, rotate through your key manager and re-wrap with its tooling");
                return 1;
            }
            try (Database database = launcher.openDatabase()) {
                int count = KekRotation.rotate(database.dataSource(), launcher.secrets());
                spec.commandLine().getOut().printf("rotate-kek: %d data keys re-wrapped under the new key-encryption "
                        + "key in %s%n", count, LocalKeks.directory(launcher.secrets()));
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }

    @Command(name = "verify-history", mixinStandardHelpOptions = true,
            description = "Re-checks the sealed event history on the database, with or without the services "
                    + "running. Exit code 0 intact, 1 broken, 2 usage.")
    static final class VerifyHistory extends OperatorCommand {

        @Parameters(arity = "0..*", paramLabel = "[from] [to]", description = "global indexes, 0 <= from <= to")
        List<String> range = List.of();

        VerifyHistory(Launcher launcher) {
            super(launcher);
        }

        @Override
        public Integer call() throws Exception {
            try (Database database = launcher.openDatabase()) {
                return HistoryCheck.run(database.dataSource(), launcher.secrets(), range.toArray(String[]::new));
            }
        }
    }

    @Command(name = "check-keys", mixinStandardHelpOptions = true,
            description = "Finds events sealed under a data key that is gone although its subject was never erased "
                    + "(unreadable for ever). Exit code 0 none, 1 some.")
    static final class CheckKeys extends OperatorCommand {

        CheckKeys(Launcher launcher) {
            super(launcher);
        }

        @Override
        public Integer call() throws Exception {
            try (Database database = launcher.openDatabase()) {
                return KeyCheck.run(database.dataSource(), spec.commandLine().getOut());
            }
        }
    }

    @Command(name = "rebuild", mixinStandardHelpOptions = true,
            description = "With the services running: rebuilds a projection (for example learning-report) and "
                    + "draws its progress.")
    static final class Rebuild extends OperatorCommand {

        @Parameters(arity = "0..*", paramLabel = "<projection>")
        List<String> projection = List.of();

        Rebuild(Launcher launcher) {
            super(launcher);
        }

        @Override
        public Integer call() throws Exception {
            return RebuildCommand.run(projection.toArray(String[]::new), System.getenv(), launcher.secrets(),
                    System.out);
        }
    }
}
