package org.giaworkbench.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.giaworkbench.metric.ImageComparison;
import org.giaworkbench.metric.Jaccard;
import org.giaworkbench.metric.LabelAccuracy;
import org.giaworkbench.metric.Rdlv;
import org.giaworkbench.perceptual.LpipsChoice;
import org.giaworkbench.model.ActivationKind;
import org.giaworkbench.model.ModelFactory;
import org.giaworkbench.plugin.Family;
import org.giaworkbench.plugin.ParamSchema;
import org.giaworkbench.plugin.ParamSpec;
import org.giaworkbench.plugin.PluginDescriptor;
import org.giaworkbench.plugin.PluginRegistry;

/** Everything a user can choose, as descriptors the CLI and the GUI can show without touching DJL. */
public final class Catalog {

    private Catalog() {
    }

    public static List<PluginDescriptor> attacks() {
        return PluginRegistry.defaults().attackDescriptors();
    }

    public static List<PluginDescriptor> models() {
        List<PluginDescriptor> out = new ArrayList<>();
        List<String> activations = new ArrayList<>(List.of("default"));
        for (ActivationKind k : ActivationKind.values()) {
            activations.add(k.id());
        }
        for (ModelFactory.ArchInfo a : ModelFactory.ARCHITECTURES) {
            out.add(new PluginDescriptor(a.id(), a.name(), Family.NONE, a.description(), "",
                    ParamSchema.of(
                            ParamSpec.choice("activation", "default", activations,
                                    "default = " + a.defaultActivation().id()),
                            ParamSpec.choice("weights", "untrained", a.bundledWeights() != null
                                    ? List.of("untrained", "bundled", "<file.npz>") : List.of("untrained", "<file.npz>"),
                                    "seeded initialisation, bundled trained weights, or a .npz with PyTorch names"),
                            ParamSpec.choice("batchNorm", "eval", List.of("eval", "train"), "BatchNorm statistics")),
                    a.bundledWeights() != null ? Set.of("trained-weights-bundled") : Set.of()));
        }
        ModelFactory.ArchInfo ts = ModelFactory.TORCHSCRIPT;
        out.add(new PluginDescriptor(ts.id(), ts.name(), Family.NONE, ts.description(), "",
                ParamSchema.of(
                        ParamSpec.choice("activation", "default", List.of("default"), "the module's own activations"),
                        ParamSpec.choice("weights", "<file.pt>", List.of("<file.pt>"),
                                "the TorchScript file (torch.jit.script(net).save(path)); its weights are the model"),
                        ParamSpec.choice("batchNorm", "eval", List.of("eval", "train"), "module.eval() or module.train()")),
                Set.of("torchscript-file")));
        return out;
    }

    public static List<PluginDescriptor> datasets() {
        return List.of(
                new PluginDescriptor("bundled-cifar10", "CIFAR-10 (bundled)", Family.NONE,
                        "1,000 CIFAR-10 test images shipped with the app (100 per class)", "Krizhevsky 2009",
                        ParamSchema.of(), Set.of("offline")),
                new PluginDescriptor("cifar10", "CIFAR-10 binary", Family.NONE,
                        "data.path = a data_batch_*.bin/test_batch.bin file or their folder", "Krizhevsky 2009",
                        ParamSchema.of(), Set.of()),
                new PluginDescriptor("cifar100", "CIFAR-100 binary", Family.NONE,
                        "data.path = train.bin/test.bin or their folder (fine labels)", "Krizhevsky 2009",
                        ParamSchema.of(), Set.of()),
                new PluginDescriptor("bundled-imagenet", "ImageNet sample (bundled)", Family.NONE,
                        "25 ImageNet photographs of 25 classes shipped with the app, standard 1,000-class labels",
                        "Russakovsky et al. 2015", ParamSchema.of(), Set.of("offline")),
                new PluginDescriptor("bundled-celeba", "CelebA sample (bundled)", Family.NONE,
                        "22 aligned CelebA faces of 22 identities shipped with the app, labelled by identity",
                        "Liu et al. 2015", ParamSchema.of(), Set.of("offline")),
                new PluginDescriptor("imagenet", "ImageNet folder", Family.NONE,
                        "data.path = WordNet-id class folders (n01440764/...) or files n01440764_*.JPEG; standard labels "
                                + "with a synset_words.txt / LOC_synset_mapping.txt next to them", "Russakovsky et al. 2015",
                        ParamSchema.of(), Set.of()),
                new PluginDescriptor("celeba", "CelebA folder", Family.NONE,
                        "data.path = the folder with img_align_celeba/ and identity_CelebA.txt; the first 1,000 identities",
                        "Liu et al. 2015", ParamSchema.of(), Set.of()),
                new PluginDescriptor("image-folder", "Image folder", Family.NONE,
                        "data.path = a folder with one sub-folder of images per class (ImageNet layout)", "",
                        ParamSchema.of(), Set.of()));
    }

    public static List<PluginDescriptor> metrics() {
        return List.of(
                new PluginDescriptor("psnr", "PSNR", Family.NONE, ImageComparison.PSNR_VARIANT, "", ParamSchema.of(), Set.of()),
                new PluginDescriptor("ssim", "SSIM", Family.NONE, ImageComparison.SSIM_VARIANT,
                        "Wang, Bovik, Sheikh, Simoncelli 2004", ParamSchema.of(), Set.of()),
                new PluginDescriptor("pairing", "Batch pairing", Family.NONE, ImageComparison.PAIRING_VARIANT, "",
                        ParamSchema.of(), Set.of()),
                new PluginDescriptor("label-accuracy", "Label accuracy", Family.NONE, LabelAccuracy.VARIANT, "",
                        ParamSchema.of(), Set.of()),
                new PluginDescriptor("lpips", "LPIPS", Family.NONE,
                        LpipsChoice.parse(LpipsChoice.DEFAULT).variant()
                                + ". run.lpips=alex:FILE.npz or vgg:FILE.npz for the standard LPIPS-alex/-vgg, off for none",
                        "Zhang, Isola, Efros, Shechtman, Wang 2018", ParamSchema.of(), Set.of()),
                new PluginDescriptor("jaccard", "Jaccard", Family.NONE, Jaccard.VARIANT,
                        "Yue et al. 2023 (ROG)", ParamSchema.of(), Set.of()),
                new PluginDescriptor("rdlv", "RDLV", Family.NONE, Rdlv.VARIANT, "Hatamizadeh et al. 2023",
                        ParamSchema.of(), Set.of()));
    }
}
