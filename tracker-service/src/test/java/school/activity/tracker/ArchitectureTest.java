package school.activity.tracker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/** The tracker's shape: feature packages without cycles; the shared contracts free of Spring. */
class ArchitectureTest {

    private static final JavaClasses TRACKER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("school.activity.tracker");

    private static final JavaClasses SHARED_MODEL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("school.activity.shared");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("school.activity.tracker.(*)..").should().beFreeOfCycles().check(TRACKER);
    }

    @Test
    void theSharedModelIsFreeOfSpring() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(SHARED_MODEL);
    }
}
