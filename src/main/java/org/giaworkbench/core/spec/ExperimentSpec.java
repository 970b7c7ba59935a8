package org.giaworkbench.core.spec;

/**
 * One run as a value: built by the GUI, a preset file or the CLI, validated in the core, executed
 * identically everywhere, and stored with the run's results.
 */
public record ExperimentSpec(String name, DataSpec data, ModelSpec model, FlSpec fl, AttackSpec attack, RunSpec run) {

    public ExperimentSpec {
        data = data == null ? DataSpec.defaults() : data;
        model = model == null ? ModelSpec.defaults() : model;
        fl = fl == null ? FlSpec.defaults() : fl;
        run = run == null ? RunSpec.defaults() : run;
        name = name == null ? "" : name;
    }
}
