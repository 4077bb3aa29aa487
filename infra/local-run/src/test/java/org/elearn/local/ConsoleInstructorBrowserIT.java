package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The instructor's main path through the console in headless Chromium: a course drafted (its title
 * holding markup, shown as typed), its lessons edited (an assignment and an exam added, a quiz added
 * and removed, an exam refused without its passing score, a lesson moved; saved and read back),
 * published, enrolled in by a trainee (the statistics count them),
 * archived; the public profile edited and read back from the public route. axe-core and the
 * Content-Security-Policy on every page; screenshots: {@code target/console-instructor-*.png}.
 */
class ConsoleInstructorBrowserIT extends ConsoleRoleBrowserTest {

    private static final String TITLE = "<b>Crane</b> Basics";

    @Test
    void anInstructorDraftsPublishesAndArchivesACourse() throws Exception {
        String operator = api.operator();
        UUID org = api.organization(operator, "Console Instructor Org");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        LocalApi.Admin admin = api.approvedAdmin(operator, org, "Ada", "ada-" + tag + "@org.example");
        String email = "ian-" + tag + "@org.example";
        UUID instructorId = LocalApi.subjectOf(api.joined(operator, admin.token(), org, email, "INSTRUCTOR"));
        String trainee = api.joined(operator, admin.token(), org, "tia-" + tag + "@org.example", "TRAINEE");

        console.open("");
        console.signIn(email);
        console.landsOn("#/instructor", "Instructor");
        assertThat(console.body()).contains("My courses and statistics", "My public profile");
        console.checked("console-instructor-home.png", "the instructor's home");

        console.go("My courses and statistics", "My courses and statistics");
        console.waitFor("You have no course yet.");
        WebElement draft = chromium.driver.findElement(By.id("new-course"));
        draft.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("Please correct the fields marked below.");
        chromium.assertAccessible("a draft with missing fields");
        draft.findElement(By.name("title")).sendKeys(TITLE);
        draft.findElement(By.name("lessonTitle")).sendKeys("Hooks");
        draft.findElement(By.name("contentUri")).sendKeys("https://videos.example/hooks");
        draft.findElement(By.name("durationMinutes")).sendKeys("12");
        draft.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("The draft " + TITLE + " is created.");

        // the draft's lessons: an assignment and an exam added, a quiz added and removed, the exam
        // refused without its passing score, then saved; the first lesson keeps its id
        chromium.click(By.cssSelector("a[aria-label='Edit the lessons of " + TITLE + "']"));
        console.landsOn("", "Edit a draft course");
        String draftId = chromium.driver.getCurrentUrl().replaceAll(".*#/instructor/courses/", "");
        WebElement editor = chromium.wait.until(driver -> driver.findElement(By.id("course-editor")));
        chromium.wait.until(driver -> editor.findElements(By.cssSelector("fieldset.lesson")).size() == 1);
        String firstLesson = editor.findElement(By.cssSelector("fieldset.lesson")).getAttribute("data-lesson");
        assertThat(firstLesson).isNotBlank();
        addLesson(editor, "ASSIGNMENT", "Rigging report");
        addLesson(editor, "QUIZ", "Knots quiz");
        addLesson(editor, "EXAM", "Final exam");
        console.button("Remove Lesson 1.3: Knots quiz").click();
        chromium.wait.until(driver -> editor.findElements(By.cssSelector("fieldset.lesson")).size() == 3);
        chromium.driver.findElement(By.id("save-course")).click();
        console.waitFor("an exam needs a passingScore");
        chromium.assertAccessible("a draft refused for an exam without a passing score");
        lesson(editor, 2).findElement(By.name("passingScore")).sendKeys("80");
        console.button("Move Lesson 1.3: Final exam up").click();
        chromium.driver.findElement(By.id("save-course")).click();
        console.waitFor("The draft " + TITLE + " is saved.");
        console.checked("console-instructor-editor.png", "the lesson editor");
        await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> api.query().get()
                .uri("/api/organizations/{o}/courses/{c}", org, draftId)
                .headers(h -> h.setBearerAuth(api.login(email, ConsoleBrowserIT.PASSWORD)))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.sections[0].lessons.length()").isEqualTo(3)
                .jsonPath("$.sections[0].lessons[0].lessonId").isEqualTo(firstLesson)
                .jsonPath("$.sections[0].lessons[1].kind").isEqualTo("EXAM")
                .jsonPath("$.sections[0].lessons[1].passingScore").isEqualTo(80)
                .jsonPath("$.sections[0].lessons[2].title").isEqualTo("Rigging report"));
        chromium.driver.findElement(By.linkText("Back to my courses")).click();
        console.landsOn("#/instructor/courses", "My courses and statistics");
        console.button("Publish " + TITLE).click();
        console.waitFor(TITLE + " is published");
        console.button("Archive " + TITLE); // published now

        // a trainee enrols: the statistics count them
        String courseId = chromium.driver.findElement(By.cssSelector("#my-courses tbody tr")).getAttribute("data-course");
        api.command().post().uri("/api/organizations/{o}/courses/{c}/subscription", org, courseId)
                .headers(h -> h.setBearerAuth(trainee)).exchange().expectStatus().isNoContent();
        chromium.wait.until(driver -> {
            console.go("My public profile", "My public profile");
            console.go("My courses and statistics", "My courses and statistics");
            return ConsoleSteps.ok(() -> chromium.wait.until(d -> !d.findElements(By.cssSelector("#my-courses tbody tr td.num")).isEmpty())
                    && "1".equals(driver.findElements(By.cssSelector("#my-courses tbody tr td.num")).get(0).getText()));
        });
        console.checked("console-instructor-courses.png", "the courses and their figures");
        console.button("Archive " + TITLE).click();
        console.waitFor(TITLE + " is archived");
        chromium.wait.until(driver -> driver.findElement(By.id("my-courses")).getText().contains("Archived"));

        // the public profile
        console.go("My public profile", "My public profile");
        WebElement profile = chromium.driver.findElement(By.id("public-profile"));
        profile.findElement(By.name("headline")).sendKeys("Rigging & lifting");
        new Select(profile.findElement(By.name("language"))).selectByValue("en");
        profile.findElement(By.name("country")).sendKeys("PT");
        profile.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("Your public profile is saved.");
        console.checked("console-instructor-profile.png", "the public profile");
        await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                api.query().get().uri("/api/instructors/{id}", instructorId).exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.headline").isEqualTo("Rigging & lifting").jsonPath("$.country").isEqualTo("PT"));

        console.showsNoError();
        chromium.assertNoPolicyViolations();
    }

    private void addLesson(WebElement editor, String kind, String title) {
        int before = editor.findElements(By.cssSelector("fieldset.lesson")).size();
        console.button("Add a lesson to Section 1").click();
        chromium.wait.until(driver -> editor.findElements(By.cssSelector("fieldset.lesson")).size() == before + 1);
        new Select(lesson(editor, before).findElement(By.name("kind"))).selectByValue(kind);
        lesson(editor, before).findElement(By.name("title")).sendKeys(title);
    }

    private WebElement lesson(WebElement editor, int index) {
        return editor.findElements(By.cssSelector("fieldset.lesson")).get(index);
    }
}
