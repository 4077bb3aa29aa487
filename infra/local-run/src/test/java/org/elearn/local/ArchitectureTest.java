package org.elearn.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;

/** The module boundaries the project relies on, checked on the compiled classes of every module. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.elearn");

    @Test
    void sharedEventsIsFreeOfSpring() {
        noClasses().that().resideInAPackage("org.elearn.events..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(CLASSES);
    }

    @Test
    void sharedEventsDependsOnNoService() {
        noClasses().that().resideInAPackage("org.elearn.events..")
                .should().dependOnClassesThat().resideInAnyPackage("org.elearn.command..", "org.elearn.query..",
                        "org.elearn.support..")
                .check(CLASSES);
    }

    @Test
    void commandSideDoesNotDependOnQuerySide() {
        noClasses().that().resideInAPackage("org.elearn.command..")
                .should().dependOnClassesThat().resideInAPackage("org.elearn.query..")
                .check(CLASSES);
    }

    @Test
    void querySideDoesNotDependOnCommandSide() {
        noClasses().that().resideInAPackage("org.elearn.query..")
                .should().dependOnClassesThat().resideInAPackage("org.elearn.command..")
                .check(CLASSES);
    }

    @Test
    void serviceSupportHoldsNoDomainCode() {
        // it wires the crypto-shredding machinery of shared-events, but knows no feature's events
        noClasses().that().resideInAPackage("org.elearn.support..")
                .should().dependOnClassesThat().resideInAnyPackage("org.elearn.command..", "org.elearn.query..")
                .orShould().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "event classes of a feature", c -> c.getPackageName().startsWith("org.elearn.events.")
                                && !c.getPackageName().equals("org.elearn.events.privacy")))
                .check(CLASSES);
    }

    @Test
    void theLearningReportsProjectionKnowsNoneOfItsReaders() {
        noClasses().that().resideInAPackage("org.elearn.query.report.projection..")
                .should().dependOnClassesThat().resideInAnyPackage("org.elearn.query.report.query..",
                        "org.elearn.query.report.stream..", "org.elearn.query.report.export..",
                        "org.elearn.query.report.pointintime..")
                .check(CLASSES);
    }

    @Test
    void theLearningReportsQueryServesStreamsExportsAndPastStatesWithoutKnowingThem() {
        noClasses().that().resideInAPackage("org.elearn.query.report.query..")
                .should().dependOnClassesThat().resideInAnyPackage("org.elearn.query.report.stream..",
                        "org.elearn.query.report.export..", "org.elearn.query.report.pointintime..")
                .check(CLASSES);
    }

    @Test
    void tenancyUsesTheJdkAlone() {
        classes().that().resideInAPackage("org.elearn.tenancy..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.elearn.tenancy..")
                .check(CLASSES);
    }

    @Test
    void sharedEventsUsesNoStorageCacheOrWeb() {
        // the event contract: records, annotations, the serializer; storage belongs to service-support
        noClasses().that().resideInAPackage("org.elearn.events..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.flywaydb..",
                        "io.r2dbc..", "com.github.benmanes.caffeine..", "org.springframework.web..",
                        "org.springframework.http..")
                .check(CLASSES);
    }

    @Test
    void aggregatesKnowNoHttp() {
        // aggregates refuse with domain errors; only the problem handler maps them to HTTP statuses
        noClasses().that().resideInAPackage("org.elearn.command..").and().areAnnotatedWith(Aggregate.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.http..",
                        "org.springframework.web..", "org.elearn.support.web..")
                .check(CLASSES);
    }

    @Test
    void commandSidePackagesFormNoCycle() {
        slices().matching("org.elearn.command.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void querySidePackagesFormNoCycle() {
        slices().matching("org.elearn.query.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void nothingShippedUsesTheBenchmarks() {
        noClasses().that().resideOutsideOfPackage("org.elearn.bench..")
                .should().dependOnClassesThat().resideInAPackage("org.elearn.bench..")
                .check(CLASSES);
    }

    @Test
    void everyQuerySideEventProcessorIsAProjection() {
        // the base carries the rules each projection keeps: erasable, fenced, ordered, rebuildable;
        // the erasure processor writes no table of its own, it applies erasures to the projections
        classes().that().resideInAPackage("org.elearn.query..")
                .and().areAnnotatedWith("org.axonframework.config.ProcessingGroup")
                .and().doNotHaveFullyQualifiedName("org.elearn.query.privacy.ProjectionErasure")
                .should().beAssignableTo("org.elearn.query.projection.Projection")
                .check(CLASSES);
    }
}
