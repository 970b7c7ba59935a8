package org.giaworkbench.architecture;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DJL calls that are known to go wrong in this project's use, kept out of the compiled code. */
class DjlPitfallsTest {

    private static final String CHOKE_POINT = "org.giaworkbench.nd..";

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.giaworkbench");
        assertTrue(classes.size() > 50, "imported only " + classes.size() + " classes");
    }

    /**
     * {@code NDArray.mul/div/pow/maximum/minimum(Number)} free the scalar's buffer before a backward pass
     * that still reads it (see {@code GraphScalars}). No NDArray method that takes a number is called:
     * graph code uses {@code GraphScalars}, whose scalars libtorch makes and the step's manager owns.
     */
    @Test
    void noScalarArithmeticThatFreesItsOperandBeforeTheBackward() {
        scalarArithmetic().check(classes);
    }

    private static ArchRule scalarArithmetic() {
        return noClasses().should().callMethodWhere(target(owner(assignableTo(NDArray.class)))
                        .and(DescribedPredicate.describe("a java.lang.Number parameter",
                                t -> t.getTarget().getRawParameterTypes().stream().anyMatch(p -> p.isEquivalentTo(Number.class)))))
                .because("the scalar tensor aliases a Java buffer that DJL releases at once; use GraphScalars");
    }

    /**
     * On the CPU, DJL's {@code NDManager.create(data...)}, {@code NDManager.from}, {@code NDArray.set(data)}
     * and {@code NDList.decode} make tensors that live in Java memory (see {@code nd.OwnedArrays});
     * {@code create(Shape...)} makes one whose memory is never written. Only the choke point may call them.
     */
    @Test
    void hostDataReachesLibtorchOnlyThroughTheChokePoint() {
        aliasingCalls().check(classes);
    }

    private static ArchRule aliasingCalls() {
        return noClasses().that().resideOutsideOfPackage(CHOKE_POINT)
                .should().callMethodWhere(target(owner(assignableTo(NDManager.class)))
                        .and(target(nameMatching("create|from|createCoo|createCSR|createRowSparse"))))
                .orShould().callMethodWhere(target(owner(assignableTo(NDArray.class)))
                        .and(target(nameMatching("set|setScalar"))))
                .orShould().callMethodWhere(target(owner(assignableTo(NDList.class))).and(target(name("decode"))))
                .because("such tensors alias Java memory (or hold none written); use nd.OwnedArrays");
    }

    /** The rules are not vacuous: each fires on a class that breaks it. */
    @Test
    void theRulesFireOnOffendingCode() {
        JavaClasses offenders = new ClassFileImporter().importClasses(Offender.class);
        assertThrows(AssertionError.class, () -> aliasingCalls().check(offenders));
        assertThrows(AssertionError.class, () -> scalarArithmetic().check(offenders));
    }

    /** Breaks both rules on purpose (test code only, never run). */
    static final class Offender {
        static NDArray aliasing(NDManager m, float[] v) {
            NDArray a = m.create(v);
            a.set(v);
            return a.mul(2f);
        }
    }
}
