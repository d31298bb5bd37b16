package com.flowcrm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layer rule of DESIGN.md: ui -> store -> {model, api, realtime, local}; model and realtime depend on nothing
 * of ours, api only on the model it builds and local (the workspace on disk) only on the model; cli uses store,
 * never ui; demo shares nothing with the client; app wires it all; every layer (the demo too) may use common, which
 * uses nothing of ours. Packages that do not exist yet make their rules pass vacuously.
 */
@AnalyzeClasses(packages = "com.flowcrm", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String MODEL = "com.flowcrm.model..";
    private static final String API = "com.flowcrm.api..";
    private static final String REALTIME = "com.flowcrm.realtime..";
    private static final String STORE = "com.flowcrm.store..";
    private static final String UI = "com.flowcrm.ui..";
    private static final String CLI = "com.flowcrm.cli..";
    private static final String DEMO = "com.flowcrm.demo..";
    private static final String APP = "com.flowcrm.app..";
    private static final String COMMON = "com.flowcrm.common..";
    private static final String LOCAL = "com.flowcrm.local..";

    /** The one class outside app allowed to start the demo backend: the demo-server command. */
    private static final DescribedPredicate<JavaClass> DEMO_SERVER_COMMAND = DescribedPredicate.describe(
            "the cli's DemoServerCommand", c -> c.getName().equals("com.flowcrm.cli.DemoServerCommand")
                    || c.getName().startsWith("com.flowcrm.cli.DemoServerCommand$"));

    /** The small shared pieces (throttle, redaction, threads) every layer may use: they use nothing of ours. */
    @ArchTest
    static final ArchRule commonDependsOnNothingOfOurs = noClasses().that().resideInAPackage(COMMON)
            .should().dependOnClassesThat().resideInAnyPackage(MODEL, API, REALTIME, LOCAL, STORE, UI, CLI, DEMO, APP)
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule commonUsesOnlyTheJdkAndSlf4j = noClasses().that().resideInAPackage(COMMON)
            .should().dependOnClassesThat().resideOutsideOfPackages("java..", "org.slf4j..", COMMON)
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule modelDependsOnNothingOfOurs = noClasses().that().resideInAPackage(MODEL)
            .should().dependOnClassesThat().resideInAnyPackage(API, REALTIME, STORE, UI, CLI, DEMO, APP)
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule realtimeDependsOnNothingOfOurs = noClasses().that().resideInAPackage(REALTIME)
            .should().dependOnClassesThat().resideInAnyPackage(MODEL, API, STORE, UI, CLI, DEMO, APP)
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule apiDependsOnlyOnTheModel = noClasses().that().resideInAPackage(API)
            .should().dependOnClassesThat().resideInAnyPackage(REALTIME, STORE, UI, CLI, DEMO, APP)
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule apiRealtimeAndModelStayFreeOfJavaFxUi = noClasses().that()
            .resideInAnyPackage(API, REALTIME, MODEL)
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.application..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule localDependsOnlyOnTheModel = noClasses().that().resideInAPackage(LOCAL)
            .should().dependOnClassesThat().resideInAnyPackage(API, REALTIME, STORE, UI, CLI, DEMO, APP)
            .allowEmptyShould(true);

    /** The workspace runs on its own writer thread and background readers: no scene graph, stage or FX thread. */
    @ArchTest
    static final ArchRule localStaysFreeOfJavaFxUi = noClasses().that().resideInAPackage(LOCAL)
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.application..")
            .allowEmptyShould(true);

    /** The store owns the workspace (confirmed state + outbox); the cli reaches it through the store, app wires it. */
    @ArchTest
    static final ArchRule onlyStoreCliAndAppUseLocal = noClasses().that()
            .resideInAnyPackage(MODEL, API, REALTIME, UI, DEMO)
            .should().dependOnClassesThat().resideInAPackage(LOCAL)
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule storeNeverDependsOnUiCliAppOrDemo = noClasses().that().resideInAPackage(STORE)
            .should().dependOnClassesThat().resideInAnyPackage(UI, CLI, APP, DEMO)
            .allowEmptyShould(true);

    /** The api reads and writes the JSON; the stores, the model and the views only see the model. */
    @ArchTest
    static final ArchRule onlyTheWireLayersSeeJson = noClasses().that().resideInAnyPackage(STORE, MODEL, UI)
            .should().dependOnClassesThat().resideInAPackage("com.google.gson..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule uiGoesThroughTheStores = noClasses().that().resideInAPackage(UI)
            .should().dependOnClassesThat().resideInAnyPackage(REALTIME, CLI, DEMO)
            .allowEmptyShould(true);

    /** The ui names the change types of the model; it never sees the REST client, the mapper or their results. */
    @ArchTest
    static final ArchRule uiUsesNoBackendAccess = noClasses().that().resideInAPackage(UI)
            .should().dependOnClassesThat().resideInAPackage(API)
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule cliNeverUsesUi = noClasses().that().resideInAPackage(CLI)
            .should().dependOnClassesThat().resideInAPackage(UI)
            .allowEmptyShould(true);

    /** The demo backend shares only JSON shapes with the client (and may use common, like every layer). */
    @ArchTest
    static final ArchRule demoSharesNothingWithTheClient = noClasses().that().resideInAPackage(DEMO)
            .should().dependOnClassesThat().resideInAnyPackage(MODEL, API, REALTIME, STORE, UI, CLI, APP)
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule onlyAppAndTheDemoServerCommandUseDemo = noClasses().that()
            .resideOutsideOfPackages(APP, DEMO).and(DescribedPredicate.not(DEMO_SERVER_COMMAND))
            .should().dependOnClassesThat().resideInAPackage(DEMO)
            .allowEmptyShould(true);
}
