package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.http.MediaType;

/**
 * The trainee's main path through the console in headless Chromium: the home; the catalog, with an
 * assigned course marked and a chosen one enrolled in and left again; the enrolment made; activity
 * completing the course; my courses with progress; the certificate with its public check, which
 * answers without a token; the learning time. axe-core and the Content-Security-Policy on every
 * page; screenshots: {@code target/console-trainee-*.png}.
 */
class ConsoleTraineeBrowserIT extends ConsoleRoleBrowserTest {

    private static final String ADL = "http://adlnet.gov/expapi/verbs/";

    @Test
    void aTraineeEnrolsLearnsAndSharesTheirCertificate() throws Exception {
        String operator = api.operator();
        UUID org = api.organization(operator, "Console Trainee Org");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        LocalApi.Admin admin = api.approvedAdmin(operator, org, "Ada", "ada-" + tag + "@org.example");
        String instructor = api.joined(operator, admin.token(), org, "ian-" + tag + "@org.example", "INSTRUCTOR");
        String traineeEmail = "tia-" + tag + "@org.example";
        api.joined(operator, admin.token(), org, traineeEmail, "TRAINEE");
        UUID lesson = UUID.randomUUID();
        String chosen = api.publishedCourse(instructor, org, "<i>Ladder</i> Safety", lesson);
        String assigned = api.publishedCourse(instructor, org, "Fire Drill", UUID.randomUUID());
        api.command().post().uri("/api/organizations/{o}/courses/{c}/assignments", org, assigned)
                .headers(h -> h.setBearerAuth(admin.token())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("memberIds", List.of(LocalApi.subjectOf(api.login(traineeEmail, ConsoleBrowserIT.PASSWORD)))))
                .exchange().expectStatus().isOk();

        console.open("");
        console.signIn(traineeEmail);
        console.landsOn("#/trainee", "Trainee");
        assertThat(console.body()).contains("Course catalog", "My courses", "My certificates", "My learning time");
        console.checked("console-trainee-home.png", "the trainee's home");

        // the catalog: the assigned course is marked; enrol in the other, leave it, enrol again
        console.go("Course catalog", "Course catalog");
        console.waitFor("Assigned to you");
        assertThat(console.body()).contains("<i>Ladder</i> Safety", "Lessons: 1");
        console.button("Enrol in <i>Ladder</i> Safety").click();
        console.waitFor("You are enrolled in <i>Ladder</i> Safety.");
        chromium.wait.until(driver -> !driver.findElements(By.cssSelector("button[aria-label='Leave <i>Ladder</i> Safety']")).isEmpty());
        console.checked("console-trainee-catalog.png", "the catalog");
        console.button("Leave <i>Ladder</i> Safety").click();
        console.waitFor("You left <i>Ladder</i> Safety.");
        chromium.wait.until(driver -> !driver.findElements(By.cssSelector("button[aria-label='Enrol in <i>Ladder</i> Safety']")).isEmpty());
        console.button("Enrol in <i>Ladder</i> Safety").click();
        chromium.wait.until(driver -> !driver.findElements(By.cssSelector("button[aria-label='Leave <i>Ladder</i> Safety']")).isEmpty());

        // activity completes the chosen course
        LocalApi.XapiCredential lms = api.xapiCredential(admin.token(), org);
        String activity = "https://lms.example/courses/" + chosen;
        api.ingest(lms, List.of(statement(traineeEmail, "initialized", activity, null),
                statement(traineeEmail, "completed", activity + "/lessons/" + lesson, Map.of("duration", "PT1H25M"))));

        // the query side applies the activity shortly after: open the page again until it shows
        // (a reload would end the session, whose token lives in memory only)
        chromium.wait.until(driver -> {
            console.go("My learning time", "My learning time");
            console.go("My courses", "My courses");
            return ConsoleSteps.ok(() -> chromium.wait.until(d -> !d.findElement(By.cssSelector("#my-courses tbody")).getText().isEmpty())
                    && driver.findElement(By.id("my-courses")).getText().contains("1 of 1 lessons"));
        });
        assertThat(console.body()).contains("Fire Drill", "Assigned to you", "Chosen by you", "0 of 1 lessons");
        console.checked("console-trainee-courses.png", "my courses");

        console.go("My certificates", "My certificates");
        WebElement check = chromium.wait.until(driver -> driver.findElement(
                By.cssSelector("a[aria-label='Open the public check of the <i>Ladder</i> Safety certificate']")));
        String link = check.getAttribute("href");
        assertThat(link).matches(".*/console/certificate\\.html#[2-9A-Z]{4}(-[2-9A-Z]{4}){3}");
        String code = link.substring(link.indexOf('#') + 1);
        console.checked("console-trainee-certificates.png", "my certificates");
        api.query().get().uri("/api/certificates/{code}", code).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.course").isEqualTo("<i>Ladder</i> Safety").jsonPath("$.valid").isEqualTo(true);

        console.go("My learning time", "My learning time");
        chromium.wait.until(driver -> ConsoleSteps.ok(() -> "1 h 25 min".equals(
                driver.findElement(By.cssSelector("[data-figure='time']")).getText())));
        console.checked("console-trainee-learning.png", "my learning time");

        assertThat(chromium.driver.getCurrentUrl()).doesNotContain(tag);
        console.showsNoError();

        // a stranger opens the shared link: a readable check, no sign-in, the title shown as typed
        chromium.driver.get(link);
        chromium.wait.until(driver -> console.body().contains("This certificate is valid"));
        assertThat(chromium.driver.findElement(By.id("certificate")).getText())
                .contains("<i>Ladder</i> Safety", code).doesNotContain(tag);
        assertThat(chromium.driver.findElements(By.cssSelector("h1"))).hasSize(1);
        console.checked("console-certificate-check.png", "the public certificate check");
        WebElement lookUp = chromium.driver.findElement(By.id("certificate-code"));
        lookUp.findElement(By.name("code")).clear();
        lookUp.findElement(By.name("code")).sendKeys("2222-2222-2222-2222");
        lookUp.findElement(By.cssSelector("button[type=submit]")).click();
        chromium.wait.until(driver -> console.body().contains("No certificate has this code."));
        chromium.assertAccessible("an unknown certificate code");
        chromium.assertNoPolicyViolations();
    }

    private static Map<String, Object> statement(String email, String verb, String object, Map<String, Object> result) {
        Map<String, Object> statement = new java.util.LinkedHashMap<>();
        statement.put("actor", Map.of("mbox", "mailto:" + email));
        statement.put("verb", Map.of("id", ADL + verb));
        statement.put("object", Map.of("id", object));
        if (result != null) {
            statement.put("result", result);
        }
        return statement;
    }
}
