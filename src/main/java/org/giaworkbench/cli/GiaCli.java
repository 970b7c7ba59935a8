package org.giaworkbench.cli;

import org.giaworkbench.core.GiaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gia}: run attacks, list what is available, benchmark against the reference. */
@Command(name = "gia", mixinStandardHelpOptions = true, version = "GIA Workbench 0.1",
        description = "Gradient inversion attacks on federated learning.",
        subcommands = {RunCommand.class, TrainCommand.class, ListCommand.class, BenchCommand.class, GradSimCommand.class,
                HistoryCommand.class, ShowCommand.class, ExportCommand.class, SweepCommand.class, CheckCommand.class,
                DoctorCommand.class,
                CommandLine.HelpCommand.class})
public final class GiaCli {

    /** Exit codes: what scripts can rely on. */
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int BAD_INPUT = 2;
    public static final int DIVERGED = 3;
    public static final int OUT_OF_MEMORY = 4;
    public static final int ENGINE = 5;
    public static final int CANCELLED = 130;

    private GiaCli() {
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new GiaCli());
        cli.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof GiaException g) {
                line.getErr().println("gia: " + g.getMessage() + (g.hint().isEmpty() ? "" : " (" + g.hint() + ")"));
                return exitCode(g.kind());
            }
            throw ex;
        });
        return cli.execute(args);
    }

    static int exitCode(GiaException.Kind kind) {
        return switch (kind) {
            case BAD_INPUT -> BAD_INPUT;
            case DIVERGED -> DIVERGED;
            case OUT_OF_MEMORY -> OUT_OF_MEMORY;
            case ENGINE -> ENGINE;
            case CANCELLED -> CANCELLED;
            case INTERNAL -> INTERNAL;
        };
    }
}
