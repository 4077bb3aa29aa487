package org.elearn.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a role's console browser test starts with: the shared services, a fresh Chromium, the steps. */
@ExtendWith(SharedServices.class)
abstract class ConsoleRoleBrowserTest {

    LocalApi api;
    Chromium chromium;
    ConsoleSteps console;

    @BeforeEach
    void start(LocalApi shared) throws Exception {
        chromium = Chromium.start();
        api = shared;
        console = new ConsoleSteps(chromium, shared);
    }

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
    }
}
