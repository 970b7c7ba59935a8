package org.giaworkbench.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.core.result.CheckReport;
import org.giaworkbench.core.spec.SpecJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gia check}: the client-side check (the seed's defence stage 3) on the model a spec's server
 * would ship, or ({@code --table}) its evaluation on malicious and honest models.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks the model a spec's server ships against the architecture the client expects:",
                "inserted layers, bias ladders, rows that are scaled copies, abnormal class weights.",
                "Exit code 1 when the model is flagged. --table evaluates the check on malicious and honest models."})
final class CheckCommand implements Callable<Integer> {

    @Option(names = "--preset", paramLabel = "NAME", description = "a bundled preset (default quickstart-ig)")
    String preset = "quickstart-ig";

    @Option(names = "--spec", paramLabel = "FILE", description = "experiment spec (JSON) instead of a preset")
    java.nio.file.Path spec;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a dotted key of the spec")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--table", description = "evaluate on malicious and honest models and print the table")
    boolean table;

    @Override
    public Integer call() throws Exception {
        try (ComputeService compute = new ComputeService()) {
            if (table) {
                List<CheckReport.Case> cases = compute.checkTable();
                printTable(cases, System.out);
                return cases.stream().allMatch(CheckReport.Case::correct) ? 0 : 1;
            }
            ObjectNode tree = spec != null ? SpecJson.toTree(SpecJson.read(spec)) : SpecJson.presetTree(preset);
            for (String o : overrides) {
                SpecJson.applyOverride(tree, o);
            }
            CheckReport report = compute.checkModel(SpecJson.bind(tree));
            System.out.println(report.model());
            for (CheckReport.Finding f : report.findings()) {
                System.out.printf("  %-14s %-6s %s%n", f.check(), f.fired() ? "FIRED" : "ok", f.why());
            }
            System.out.println(report.flagged() ? "REFUSE: the received model was modified" : "accept: no check fired");
            return report.flagged() ? 1 : 0;
        }
    }

    static void printTable(List<CheckReport.Case> cases, PrintStream out) {
        out.printf("| model | truly | flagged | checks fired |%n|---|---|---|---|%n");
        int detected = 0;
        int malicious = 0;
        int falseAlarms = 0;
        int honest = 0;
        for (CheckReport.Case c : cases) {
            out.printf("| %s | %s | %s | %s |%n", c.name(), c.malicious() ? "malicious" : "honest",
                    c.report().flagged() ? "yes" : "no", c.report().firedChecks());
            if (c.malicious()) {
                malicious++;
                detected += c.report().flagged() ? 1 : 0;
            } else {
                honest++;
                falseAlarms += c.report().flagged() ? 1 : 0;
            }
        }
        out.printf("%ndetected %d of %d malicious models; false alarms on %d of %d honest models%n", detected, malicious,
                falseAlarms, honest);
    }
}
