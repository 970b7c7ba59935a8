package org.giaworkbench.core.result;

import java.util.List;

/**
 * What the client-side check found in a received model (the seed's defence stage 3).
 *
 * @param model    which model was checked (one line)
 * @param findings every check, fired or not, with why
 */
public record CheckReport(String model, List<Finding> findings) {

    /** One check: its id, whether it fired, and the evidence (or what it looked at when it did not). */
    public record Finding(String check, boolean fired, String why) {
    }

    /** One model of the evaluation: its name, whether it is malicious, and what the check said. */
    public record Case(String name, boolean malicious, CheckReport report) {

        /** Whether the check got this model right (flagged if and only if malicious). */
        public boolean correct() {
            return report.flagged() == malicious;
        }
    }

    public CheckReport {
        findings = List.copyOf(findings);
    }

    /** Whether the client should refuse the model: any check fired. */
    public boolean flagged() {
        return findings.stream().anyMatch(Finding::fired);
    }

    /** Ids of the checks that fired, comma-separated ("-" if none). */
    public String firedChecks() {
        String s = String.join(",", findings.stream().filter(Finding::fired).map(Finding::check).toList());
        return s.isEmpty() ? "-" : s;
    }
}
