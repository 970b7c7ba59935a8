package org.giaworkbench.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package boundaries of ARCHITECTURE.md (as adapted in the README), checked on the compiled classes. */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.giaworkbench");
        // Rules over an empty import would pass vacuously.
        assertTrue(classes.size() > 50, "imported only " + classes.size() + " classes");
    }

    @Test
    void coreKnowsNoOtherLayerAndNoDjl() {
        noClasses().that().resideInAPackage("org.giaworkbench.core..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "javafx..",
                        "org.giaworkbench.plugin..", "org.giaworkbench.compute..", "org.giaworkbench.attack..",
                        "org.giaworkbench.model..", "org.giaworkbench.data..", "org.giaworkbench.fl..",
                        "org.giaworkbench.metric..", "org.giaworkbench.cli..", "org.giaworkbench.app..",
                        "org.giaworkbench.store..")
                .check(classes);
    }

    @Test
    void cliAndPluginDescriptorsUseNoDjl() {
        noClasses().that().resideInAnyPackage("org.giaworkbench.cli..", "org.giaworkbench.app..")
                .should().dependOnClassesThat().resideInAPackage("ai.djl..").check(classes);
        noClasses().that().resideInAPackage("org.giaworkbench.plugin")
                .should().dependOnClassesThat().resideInAPackage("ai.djl..").check(classes);
    }

    @Test
    void dataAndMetricsArePureJavaOverCore() {
        noClasses().that().resideInAnyPackage("org.giaworkbench.data..", "org.giaworkbench.metric..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "org.giaworkbench.compute..",
                        "org.giaworkbench.attack..", "org.giaworkbench.model..", "org.giaworkbench.fl..",
                        "org.giaworkbench.plugin..", "org.giaworkbench.cli..")
                .check(classes);
    }

    @Test
    void theStoreIsPureJavaOverCore() {
        // The store is read by the CLI, the window and sweeps; it sees only core values (no engine, no UI).
        noClasses().that().resideInAPackage("org.giaworkbench.store..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "javafx..", "org.giaworkbench.compute..",
                        "org.giaworkbench.attack..", "org.giaworkbench.model..", "org.giaworkbench.fl..",
                        "org.giaworkbench.plugin..", "org.giaworkbench.data..", "org.giaworkbench.metric..",
                        "org.giaworkbench.cli..", "org.giaworkbench.app..", "org.giaworkbench.ui..")
                .check(classes);
    }

    @Test
    void sweepsUseTheComputeFacadeAndTheStoreOnly() {
        noClasses().that().resideInAPackage("org.giaworkbench.sweep..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "javafx..", "org.giaworkbench.attack..",
                        "org.giaworkbench.model..", "org.giaworkbench.fl..", "org.giaworkbench.data..",
                        "org.giaworkbench.metric..", "org.giaworkbench.plugin..", "org.giaworkbench.cli..",
                        "org.giaworkbench.app..", "org.giaworkbench.ui..")
                .check(classes);
    }

    @Test
    void attacksCannotReachGroundTruthOrTheRunner() {
        // An attack sees a ServerView; the data readers, metrics (which compare with ground truth) and the
        // compute layer (which holds it) are out of its reach.
        noClasses().that().resideInAPackage("org.giaworkbench.attack..")
                .should().dependOnClassesThat().resideInAnyPackage("org.giaworkbench.data..", "org.giaworkbench.metric..",
                        "org.giaworkbench.compute..", "org.giaworkbench.cli..", "org.giaworkbench.app..")
                .check(classes);
    }

    @Test
    void perceptualMetricsUseDjlButNoRunnerAndAttacksCannotReachThem() {
        // LPIPS and the Jaccard labels need a network (DJL) but compare with ground truth: below compute,
        // out of the attacks' reach.
        noClasses().that().resideInAPackage("org.giaworkbench.perceptual..")
                .should().dependOnClassesThat().resideInAnyPackage("org.giaworkbench.compute..",
                        "org.giaworkbench.attack..", "org.giaworkbench.model..", "org.giaworkbench.fl..",
                        "org.giaworkbench.plugin..", "org.giaworkbench.cli..", "org.giaworkbench.app..",
                        "org.giaworkbench.ui..")
                .check(classes);
        noClasses().that().resideInAnyPackage("org.giaworkbench.attack..", "org.giaworkbench.metric..",
                        "org.giaworkbench.data..", "org.giaworkbench.core..")
                .should().dependOnClassesThat().resideInAPackage("org.giaworkbench.perceptual..")
                .check(classes);
    }

    @Test
    void lowerLayersDoNotDependOnComputeOrCli() {
        noClasses().that().resideInAnyPackage("org.giaworkbench.model..", "org.giaworkbench.fl..",
                        "org.giaworkbench.plugin..")
                .should().dependOnClassesThat().resideInAnyPackage("org.giaworkbench.compute..", "org.giaworkbench.cli..",
                        "org.giaworkbench.app..", "org.giaworkbench.attack..")
                .check(classes);
    }

    @Test
    void theNativeChokePointDependsOnNothingOfOurs() {
        // Every layer that makes tensors (model, attacks, metrics, training) goes through nd; nd stays a leaf.
        classes().that().resideInAPackage("org.giaworkbench.nd..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.giaworkbench.nd..", "ai.djl..",
                        "com.sun.jna..", "java..")
                .check(classes);
    }

    @Test
    void onlyTheAutogradPackageTouchesTheDjlBridge() {
        noClasses().that().resideOutsideOfPackages("org.giaworkbench.compute.autograd..", "ai.djl..")
                .should().dependOnClassesThat().haveFullyQualifiedName("ai.djl.pytorch.jni.GiaAutogradBridge")
                .check(classes);
    }

    @Test
    void onlyTheUiImportsJavaFxAndItsLibraries() {
        noClasses().that().resideOutsideOfPackage("org.giaworkbench.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.kordamp..",
                        "eu.hansolo..")
                .check(classes);
    }

    @Test
    void theUiSeesNoDjlAndOnlyTheComputeFacade() {
        noClasses().that().resideInAPackage("org.giaworkbench.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "org.giaworkbench.attack..",
                        "org.giaworkbench.model..", "org.giaworkbench.fl..", "org.giaworkbench.metric..",
                        "org.giaworkbench.cli..", "org.giaworkbench.app..", "org.giaworkbench.plugin.spi..")
                .check(classes);
        noClasses().that().resideInAPackage("org.giaworkbench.ui..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "compute classes other than ComputeService, Catalog, ModelInspector and EngineInfo",
                        (com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().startsWith("org.giaworkbench.compute")
                                && !java.util.Set.of("org.giaworkbench.compute.ComputeService",
                                        "org.giaworkbench.compute.Catalog", "org.giaworkbench.compute.ModelInspector",
                                        "org.giaworkbench.compute.EngineBootstrap$EngineInfo").contains(c.getName())))
                .check(classes);
    }
}
