package school.activity.broadcaster;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/** The broadcaster's shape: feature packages without cycles, and Netty confined to the fan-out engine. */
class ArchitectureTest {

    private static final JavaClasses BROADCASTER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("school.activity.broadcaster");

    private static final JavaClasses SHARED_MODEL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("school.activity.shared");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("school.activity.broadcaster.(*)..").should().beFreeOfCycles().check(BROADCASTER);
    }

    @Test
    void onlyTheFanoutTouchesNetty() {
        noClasses().that().resideOutsideOfPackage("school.activity.broadcaster.fanout..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "reactor.netty..")
                .check(BROADCASTER);
    }

    @Test
    void noPackageEveryoneImports() {
        noClasses().should().resideInAPackage("school.activity.broadcaster.config..")
                .allowEmptyShould(true).check(BROADCASTER);
    }

    @Test
    void theSharedModelIsFreeOfSpring() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(SHARED_MODEL);
    }
}
