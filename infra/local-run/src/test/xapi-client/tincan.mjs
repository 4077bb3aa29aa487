// A course as content built on TinCanJS 0.50.0 (npm `tincanjs`) uses the LRS, under Node.js, where
// the library sends through its node environment (the xhr2 XMLHttpRequest, asynchronous only, so
// every call takes a callback): About, a launch from an LMS's launch URL, statements one by one and
// in a batch, a statement by id, a query read page by page through `more`, a statement voided, the
// State resource with its ETags, an Activity Profile and an Agent Profile, a text attachment; and
// the two things that do not work, as docs/xapi.md says (a binary attachment, a launch URL with
// parameters of the LMS's own).
//
// Usage: node tincan.mjs <endpoint, e.g. http://localhost:8080/xapi/> <key> <secret> <actor mbox>
// Prints one line per step ("ok <step>: ...") and exits 1 at the first step that fails.
import { randomUUID } from "node:crypto";
import TinCan from "tincanjs";

const [endpoint, key, secret, mbox] = process.argv.slice(2);
// as content configures it: Basic auth from a key and secret; allowFail false, so that an
// LRS's refusal is an error rather than a log line
const lrs = new TinCan.LRS({ endpoint, username: key, password: secret, allowFail: false });
const actor = new TinCan.Agent({ mbox, name: "Tia" });
const course = new TinCan.Activity({ id: "https://content.example/courses/tincan-" + randomUUID(),
  definition: { name: { "en-US": "Forklift safety" }, type: "http://adlnet.gov/expapi/activities/course" } });
const registration = randomUUID();
const ADL = "http://adlnet.gov/expapi/verbs/";

function statement(verb, target, extra = {}) {
  return new TinCan.Statement({ actor, verb: { id: ADL + verb, display: { "en-US": verb } }, target,
    context: { registration }, ...extra });
}

function check(condition, what) {
  if (!condition) {
    throw new Error(what);
  }
}

/** One TinCanJS call with a callback, as a promise of its result; an error carries the HTTP answer. */
function call(method, ...args) {
  return new Promise((resolve, reject) => {
    const cfg = args.pop();
    lrs[method](...args, { ...cfg, callback: (err, result) => {
      if (err !== null) {
        const answer = result && result.status !== undefined ? ` (HTTP ${result.status} ${result.responseText})` : "";
        const failure = new Error(`${method} failed: ${err}${answer}`);
        failure.status = result && result.status;
        reject(failure);
      } else {
        resolve(result);
      }
    } });
  });
}

async function step(name, run) {
  try {
    const said = await run();
    console.log(`ok ${name}: ${said}`);
  } catch (e) {
    console.log(`FAILED ${name}: ${e.message}`);
    process.exit(1);
  }
}

await step("about", async () => {
  const about = await call("about", {});
  check(about.version.includes("1.0.3") && about.version.includes("1.0.2"),
      "About does not list 1.0.2 and 1.0.3: " + JSON.stringify(about.version));
  return about.version.join(",");
});

// An LMS launches content with the LRS and the learner in the query string (the launch parameters
// TinCanJS reads: endpoint, auth, actor, registration, activity_id, grouping); the TinCan object
// then fills its statements with them.
function launchUrl(extra = "") {
  const auth = "Basic " + Buffer.from(key + ":" + secret).toString("base64");
  return "https://content.example/forklift/index.html?endpoint=" + encodeURIComponent(endpoint)
    + "&auth=" + encodeURIComponent(auth) + "&actor=" + encodeURIComponent(JSON.stringify({ name: ["Tia"], mbox: [mbox] }))
    + "&registration=" + registration + "&activity_id=" + encodeURIComponent(course.id)
    + "&grouping=" + encodeURIComponent("https://content.example/programmes/safety") + extra;
}

/** A TinCan object's call: its callbacks get the results of every LRS it sends to. */
function sent(run) {
  return new Promise((resolve, reject) => run((results, result) => {
    const failed = (Array.isArray(results) ? results : [{ err: results, xhr: result }]).find((r) => r.err !== null);
    if (failed) {
      const failure = new Error(`failed: ${failed.err} (HTTP ${failed.xhr && failed.xhr.status} ${failed.xhr && failed.xhr.responseText})`);
      failure.status = failed.xhr && failed.xhr.status;
      reject(failure);
    } else {
      resolve(result);
    }
  }));
}

await step("launch", async () => {
  const tincan = new TinCan({ url: launchUrl() });
  const initialized = await sent((done) => tincan.sendStatement({ verb: { id: ADL + "initialized",
    display: { "en-US": "initialized" } } }, done));
  check(initialized.actor.mbox === mbox && initialized.target.id === course.id
      && initialized.context.registration === registration, "the launch did not fill the statement");
  await sent((done) => tincan.setState("suspend", { page: 1 }, { contentType: "application/json", callback: done }));
  await sent((done) => tincan.setState("suspend", { lesson: 2 }, { contentType: "application/json", overwriteJSON: false,
    callback: done })); // a POST, merged into the JSON document
  const suspended = await sent((done) => tincan.getState("suspend", { callback: done }));
  check(suspended.contents.page === 1 && suspended.contents.lesson === 2, "the merged State: "
      + JSON.stringify(suspended.contents));
  const mine = await sent((done) => tincan.getStatements({ sendActor: true, sendActivity: true, callback: done }));
  check(mine.statements.some((s) => s.id === initialized.id), "the launch's statement is not found by its filters");
  return initialized.id;
});

const launch = statement("launched", course);
await step("saveStatement", async () => {
  const xhr = await call("saveStatement", launch, {}); // stamped with an id: a PUT
  check(xhr.status === 204, "PUT of a statement answered " + xhr.status);
  return launch.id;
});

const question = new TinCan.Activity({ id: course.id + "/quiz/q1", definition: {
  type: "http://adlnet.gov/expapi/activities/cmi.interaction", name: { "en-US": "Forks" },
  interactionType: "choice", correctResponsesPattern: ["lowered"],
  choices: [{ id: "lowered", description: { "en-US": "Lowered" } }, { id: "raised", description: { "en-US": "Raised" } }] } });
const pages = Array.from({ length: 11 }, (_, i) => statement("experienced",
    new TinCan.Activity({ id: `${course.id}/pages/${i}` }), { result: { duration: "PT1M" } }));
pages.push(statement("answered", question, { result: { response: "lowered", success: true,
  score: { scaled: 1, raw: 10, min: 0, max: 10 }, duration: "PT12.5S" },
  context: { registration, contextActivities: { parent: course } } }));
await step("saveStatements", async () => {
  const xhr = await call("saveStatements", pages, {});
  const ids = JSON.parse(xhr.responseText);
  check(JSON.stringify(ids) === JSON.stringify(pages.map((s) => s.id)),
      "the ids answered are not the statements' own: " + xhr.responseText);
  const answer = await call("retrieveStatement", pages[11].id, {});
  check(answer.result.score.scaled === 1 && answer.target.definition.choices.length === 2,
      "the interaction read back: " + JSON.stringify(answer.asVersion("1.0.2")));
  return `${ids.length} statements`;
});

await step("retrieveStatement", async () => {
  const read = await call("retrieveStatement", launch.id, {});
  check(read.id === launch.id, "read back " + read.id);
  check(read.verb.id === ADL + "launched" && read.target.id === course.id, "another statement: " + read.verb.id);
  check(read.actor.mbox === mbox, "the actor read back is " + JSON.stringify(read.actor));
  check(read.stored !== null && read.authority !== null, "no stored or authority set by the LRS");
  return read.stored;
});

await step("queryStatements with more", async () => {
  let page = await call("queryStatements", { params: { agent: actor, registration, limit: 5 } });
  const seen = page.statements.map((s) => s.id);
  let count = 1;
  while (page.more !== null && page.more !== undefined && page.more !== "") {
    page = await call("moreStatements", { url: page.more });
    seen.push(...page.statements.map((s) => s.id));
    count++;
  }
  for (const s of [launch, ...pages]) {
    check(seen.includes(s.id), "statement " + s.id + " was not read back");
  }
  check(seen.length === 14 && count === 3, `13 statements in pages of 5 came as ${seen.length} in ${count} pages`);
  return `${seen.length} statements in ${count} pages`; // with the launch's own
});

await step("retrieveVoidedStatement", async () => {
  const mistake = pages[0];
  const voiding = statement("voided", new TinCan.StatementRef({ id: mistake.id }));
  await call("saveStatement", voiding, {});
  const voided = await call("retrieveVoidedStatement", mistake.id, {});
  check(voided.id === mistake.id, "voidedStatementId answered " + voided.id);
  const gone = await call("retrieveStatement", mistake.id, {}).then(() => null, (e) => e);
  check(gone !== null && gone.status === 404, "a voided statement by statementId: " + (gone && gone.message));
  return mistake.id;
});

const state = { activity: course, agent: actor, registration };
await step("state with ETags", async () => {
  await call("saveState", "resume", { page: 3 }, { ...state, contentType: "application/json" });
  const first = await call("retrieveState", "resume", state);
  check(first !== null && first.contents.page === 3, "resume point not kept: " + JSON.stringify(first));
  check(/^"[0-9a-f]{40}"$/.test(first.etag), "the State's ETag is " + first.etag);
  await call("saveState", "resume", { page: 4 }, { ...state, contentType: "application/json", lastSHA1: first.etag });
  const stale = await call("saveState", "resume", { page: 5 },
      { ...state, contentType: "application/json", lastSHA1: first.etag }).then(() => null, (e) => e);
  check(stale !== null && stale.status === 412, "a write over a stale ETag: " + (stale && stale.message));
  const second = await call("retrieveState", "resume", state);
  check(second.contents.page === 4 && second.etag !== first.etag, "the ETagged write: " + JSON.stringify(second));
  await call("saveState", "bookmark", "lesson-2", { ...state, contentType: "text/plain" });
  const text = await call("retrieveState", "bookmark", state);
  check(text.contents === "lesson-2", "a text State reads back as " + JSON.stringify(text.contents));
  return second.etag;
});

await step("retrieveStateIds", async () => {
  const ids = await call("retrieveStateIds", state);
  check(JSON.stringify(ids) === JSON.stringify(["bookmark", "resume", "suspend"]), "the State ids are " + JSON.stringify(ids));
  return JSON.stringify(ids);
});

await step("dropState", async () => {
  await call("dropState", "bookmark", state);
  check(await call("retrieveState", "bookmark", state) === null, "a dropped State is still read");
  await call("dropState", null, state); // every State of the activity and agent
  const ids = await call("retrieveStateIds", state);
  check(ids.length === 0, "after dropping all, the State ids are " + JSON.stringify(ids));
  return "none left";
});

await step("activity profile", async () => {
  const where = { activity: course, contentType: "application/json" };
  await call("saveActivityProfile", "glossary", { forklift: "a truck" }, where); // If-None-Match: *
  const saved = await call("retrieveActivityProfile", "glossary", { activity: course });
  check(saved !== null && saved.contents.forklift === "a truck", "profile not kept: " + JSON.stringify(saved));
  await call("saveActivityProfile", "glossary", { forklift: "a lift truck" }, { ...where, lastSHA1: saved.etag });
  const again = await call("saveActivityProfile", "glossary", { forklift: "x" }, where).then(() => null, (e) => e);
  check(again !== null && again.status === 412, "a second create of the profile: " + (again && again.message));
  const read = await call("retrieveActivityProfile", "glossary", { activity: course });
  check(read.contents.forklift === "a lift truck", "the profile read back is " + JSON.stringify(read.contents));
  const ids = await call("retrieveActivityProfileIds", { activity: course });
  check(JSON.stringify(ids) === JSON.stringify(["glossary"]), "the Activity Profile ids are " + JSON.stringify(ids));
  await call("dropActivityProfile", "glossary", { activity: course });
  check(await call("retrieveActivityProfile", "glossary", { activity: course }) === null, "a dropped profile is read");
  return read.etag;
});

await step("agent profile", async () => {
  const where = { agent: actor, contentType: "application/json" };
  await call("saveAgentProfile", "preferences", { language: "de" }, where);
  const saved = await call("retrieveAgentProfile", "preferences", { agent: actor });
  check(saved !== null && saved.contents.language === "de", "profile not kept: " + JSON.stringify(saved));
  await call("saveAgentProfile", "preferences", { language: "fr" }, { ...where, lastSHA1: saved.etag });
  const read = await call("retrieveAgentProfile", "preferences", { agent: actor });
  check(read.contents.language === "fr", "the profile read back is " + JSON.stringify(read.contents));
  const missing = await call("retrieveAgentProfile", "none-" + randomUUID(), { agent: actor });
  check(missing === null, "an absent profile reads as " + JSON.stringify(missing));
  const ids = await call("retrieveAgentProfileIds", { agent: actor, since: "2000-01-01T00:00:00.000Z" });
  check(ids.includes("preferences"), "the Agent Profile ids are " + JSON.stringify(ids));
  await call("dropAgentProfile", "preferences", { agent: actor });
  check(await call("retrieveAgentProfile", "preferences", { agent: actor }) === null, "a dropped profile is read");
  return read.etag;
});

function certificate(content, contentType) {
  const s = statement("completed", course);
  s.attachments = [new TinCan.Attachment({ usageType: "http://id.tincanapi.com/attachment/certificate-of-completion",
    display: { "en-US": "Certificate" }, contentType, content })];
  return s;
}

await step("text attachment", async () => {
  const completed = certificate("Forklift safety: passed", "text/plain");
  await call("saveStatement", completed, {}); // multipart/mixed
  const read = await call("retrieveStatement", completed.id, { params: { attachments: true } });
  check(read.attachments[0].sha2 === completed.attachments[0].sha2, "the attachment's hash read back differs");
  check(read.attachments[0].getContentAsString() === "Forklift safety: passed", "the attachment read back differs");
  return read.attachments[0].sha2;
});

// Under Node.js TinCanJS turns the request body into a string (`cfg.data += ""`), which decodes the
// multipart Buffer as UTF-8: octets that are not UTF-8 arrive changed, and the LRS refuses the part
// whose content does not have its declared hash, as the specification asks.
await step("known limit: binary attachment", async () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x80]);
  const refused = await call("saveStatement", certificate(png.buffer, "image/png"), {}).then(() => null, (e) => e);
  check(refused !== null && refused.status === 400 && refused.message.includes("attachment-hash-mismatch"),
      "a binary attachment through TinCanJS under Node.js: " + (refused && refused.message));
  return "refused: attachment-hash-mismatch";
});

// TinCanJS sends every launch parameter it does not know to the LRS on every request; the LRS
// refuses a parameter it does not recognize (xAPI 1.0.3 Communication 3.2).
await step("known limit: launch parameters of the LMS", async () => {
  const tincan = new TinCan({ url: launchUrl("&lms_session=s-1") });
  const query = await sent((done) => tincan.getStatements({ sendActor: true, callback: done })).then(() => null, (e) => e);
  check(query !== null && query.status === 400 && query.message.includes("lms_session"),
      "a query with an LMS's own launch parameter: " + (query && query.message));
  const state = await sent((done) => tincan.getState("suspend", { callback: done })).then(() => null, (e) => e);
  check(state !== null && state.status === 400 && state.message.includes("lms_session"),
      "a State read with an LMS's own launch parameter: " + (state && state.message));
  return "query and State refused: lms_session";
});
