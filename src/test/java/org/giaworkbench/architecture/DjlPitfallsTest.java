package org.giaworkbench.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DJL calls that are known to go wrong in this project's use, kept out of the compiled code. */
class DjlPitfallsTest {

    /**
     * {@code NDArray.mul/div/pow/maximum/minimum(Number)} free the scalar's buffer before a backward pass
     * that still reads it (see {@code GraphScalars}); the project goes through {@code GraphScalars}.
     */
    @Test
    void noScalarArithmeticThatFreesItsOperandBeforeTheBackward() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.giaworkbench");
        assertTrue(classes.size() > 50, "imported only " + classes.size() + " classes");
        noClasses().should().callMethod(NDArray.class, "mul", Number.class)
                .orShould().callMethod(NDArray.class, "div", Number.class)
                .orShould().callMethod(NDArray.class, "pow", Number.class)
                .orShould().callMethod(NDArray.class, "maximum", Number.class)
                .orShould().callMethod(NDArray.class, "minimum", Number.class)
                .because("the scalar tensor aliases a Java buffer that DJL releases at once; use GraphScalars")
                .check(classes);
    }
}
