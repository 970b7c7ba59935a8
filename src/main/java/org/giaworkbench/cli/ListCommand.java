package org.giaworkbench.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.giaworkbench.compute.Catalog;
import org.giaworkbench.core.spec.Presets;
import org.giaworkbench.plugin.ParamSpec;
import org.giaworkbench.plugin.PluginDescriptor;
import org.giaworkbench.sweep.SweepDefinition;
import org.giaworkbench.sweep.SweepPresets;
import picocli.CommandLine.Command;

/** {@code gia list}: attacks, models, datasets, metrics and presets, with their parameters. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists attacks, models, datasets, metrics and presets.")
final class ListCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        PrintStream out = System.out;
        section(out, "Attacks (attack.id; parameters as attack.KEY=VALUE)", Catalog.attacks(), true);
        section(out, "Models (model.arch)", Catalog.models(), true);
        section(out, "Datasets (data.source)", Catalog.datasets(), false);
        section(out, "Metrics", Catalog.metrics(), false);
        out.println("Presets (--preset NAME)");
        Presets.names().forEach(n -> out.println("  " + n));
        out.println();
        out.println("Sweep presets (gia sweep --preset NAME)");
        for (String n : SweepPresets.names()) {
            SweepDefinition d = SweepPresets.load(n);
            out.printf("  %-22s %s%n", n, d.description());
            out.printf("  %-22s vary %s, %d seed%s%s%n", "", d.vary(), d.seeds(), d.seeds() == 1 ? "" : "s",
                    d.metrics().isEmpty() ? "" : ", metrics " + d.metrics());
        }
        out.println();
        out.println("Spec keys: data.{source,path,resolution,batch,sameLabel,seed,index,normalization,subset} "
                + "model.{arch,activation,weights,seed,batchNorm,numClasses} fl.{protocol,labels} "
                + "run.{device,seed,snapshotEvery,lpips}");
        return GiaCli.OK;
    }

    private static void section(PrintStream out, String title, List<PluginDescriptor> items, boolean params) {
        out.println(title);
        for (PluginDescriptor d : items) {
            out.printf("  %-22s %s%n", d.id(), d.name() + (d.summary().isEmpty() ? "" : ": " + d.summary()));
            if (!d.citation().isEmpty() && params) {
                out.printf("  %-22s %s%n", "", d.citation());
            }
            if (params) {
                for (ParamSpec p : d.schema().params()) {
                    out.printf("      %-18s default %-10s %-22s %s%n", p.key(), p.defaultValue(), p.rangeText(), p.help());
                }
            }
        }
        out.println();
    }
}
