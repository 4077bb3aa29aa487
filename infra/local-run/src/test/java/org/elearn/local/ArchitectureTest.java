package org.elearn.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaMethodReference;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.spring.stereotype.Aggregate;
import org.elearn.support.axon.ReadsNoPersonalData;
import org.elearn.support.axon.SealedEvents;
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
    void xapiSubPackagesFormNoCycle() {
        // credentials, protocol, statements, agents, documents: each needs only the ones before it
        slices().matching("org.elearn.command.xapi.(*)..").should().beFreeOfCycles().check(CLASSES);
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

    @Test
    void handlersReadingSealedEventsCallNoPersonalFieldsAccessor() {
        // their processor reads events sealed (SealedEvents): a personal field there reads as its
        // replacement value, so a handler that needs one must open the event in the same method
        methods().that(declaredInAClassThatReadsNoPersonalData())
                .should(readAPersonalFieldOnlyWhereTheyOpenTheEvent())
                .check(CLASSES);
    }

    private static DescribedPredicate<JavaMethod> declaredInAClassThatReadsNoPersonalData() {
        return DescribedPredicate.describe("declared in a class that reads no personal data", method -> {
            for (JavaClass owner = method.getOwner(); owner != null;
                 owner = owner.getEnclosingClass().orElse(null)) {
                if (owner.isAnnotatedWith(ReadsNoPersonalData.class)) {
                    return true;
                }
            }
            return false;
        });
    }

    private static ArchCondition<JavaMethod> readAPersonalFieldOnlyWhereTheyOpenTheEvent() {
        return new ArchCondition<>("read a personal field only of an event they open with SealedEvents.open") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean opens = method.getMethodCallsFromSelf().stream().anyMatch(call -> call.getName().equals("open")
                        && call.getTargetOwner().isEquivalentTo(SealedEvents.class));
                if (opens) {
                    return;
                }
                method.getAccessesFromSelf().stream()
                        .filter(access -> access instanceof JavaMethodCall || access instanceof JavaMethodReference)
                        .filter(access -> isPersonalAccessor(access.getTargetOwner(), access.getName()))
                        .forEach(access -> events.add(SimpleConditionEvent.violated(method, access.getDescription())));
            }
        };
    }

    private static boolean isPersonalAccessor(JavaClass owner, String name) {
        Class<?> type;
        try {
            type = owner.reflect();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
        if (!type.isRecord()) {
            return false;
        }
        for (java.lang.reflect.RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals(name)
                    && component.isAnnotationPresent(org.elearn.events.privacy.PersonalData.class)) {
                return true;
            }
        }
        return false;
    }
}
