// A course as packaged content runs it, through the maintained @xapi/xapi client library: it
// checks the LRS, launches, keeps a resume point in the State resource, reports activity, reads
// its statements back page by page, voids a mistake and sends an attachment.
//
// Usage: node course.mjs <endpoint, e.g. http://localhost:8080/xapi/> <key> <secret> <actor mbox>
// Prints one line per step ("ok <step>: ...") and exits 1 at the first step that fails.
import { createHash, randomUUID } from "node:crypto";
import XAPIModule from "@xapi/xapi";

const XAPI = XAPIModule.default ?? XAPIModule;
const [endpoint, key, secret, mbox] = process.argv.slice(2);
const xapi = new XAPI({ endpoint, auth: XAPI.toBasicAuth(key, secret), version: "1.0.3" });
// Under Node.js the library's default adapter (axios) labels a multipart body with the Blob's own
// type, application/octet-stream, whatever header the library set; its fetch adapter, what content
// in a browser would use, keeps the multipart/mixed header. Attachments go through that one.
const xapiFetch = new XAPI({ endpoint, auth: XAPI.toBasicAuth(key, secret), version: "1.0.3", adapter: "fetch" });
const actor = { objectType: "Agent", mbox };
const course = "https://content.example/courses/forklift-" + randomUUID();
const registration = randomUUID();
const ADL = "http://adlnet.gov/expapi/verbs/";

function statement(verb, object, extra = {}) {
  return { actor, verb: { id: ADL + verb, display: { "en-US": verb } },
    object: { objectType: "Activity", id: object }, context: { registration }, ...extra };
}

function check(condition, what) {
  if (!condition) {
    throw new Error(what);
  }
}

async function step(name, run) {
  try {
    const said = await run();
    console.log(`ok ${name}: ${said}`);
  } catch (e) {
    const status = e.response ? ` (HTTP ${e.response.status} ${JSON.stringify(e.response.data)})` : "";
    console.log(`FAILED ${name}: ${e.message}${status}`);
    process.exit(1);
  }
}

await step("about", async () => {
  const about = (await xapi.getAbout()).data;
  check(about.version.includes("1.0.3"), "About does not list 1.0.3: " + JSON.stringify(about));
  return about.version.join(",");
});

let launched;
await step("launch", async () => {
  [launched] = (await xapi.sendStatement({ statement: statement("initialized", course) })).data;
  check(/^[0-9a-f-]{36}$/.test(launched), "no statement id: " + launched);
  return launched;
});

await step("resume point", async () => {
  const where = { agent: actor, activityId: course, registration, stateId: "resume" };
  await xapi.setState({ ...where, state: { page: 3, answers: ["b", "d"] } });
  await xapi.createState({ ...where, state: { bookmark: "lesson-2" } }); // POST merges JSON
  const state = (await xapi.getState(where)).data;
  check(state.page === 3 && state.bookmark === "lesson-2", "resume point not kept: " + JSON.stringify(state));
  const ids = (await xapi.getStates({ agent: actor, activityId: course, registration })).data;
  check(ids.includes("resume"), "state ids do not list resume: " + JSON.stringify(ids));
  return JSON.stringify(state);
});

const sent = [];
await step("activity", async () => {
  const pages = Array.from({ length: 24 }, (_, i) => statement("experienced", `${course}/pages/${i}`,
      { result: { duration: "PT1M" } }));
  sent.push(...(await xapi.sendStatements({ statements: pages })).data);
  check(sent.length === 24, "expected 24 ids, got " + sent.length);
  return `${sent.length} statements`;
});

await step("read back with more", async () => {
  const seen = [];
  let page = (await xapi.getStatements({ agent: actor, registration, limit: 10 })).data;
  let pages = 1;
  seen.push(...page.statements.map((s) => s.id));
  while (page.more) {
    page = (await xapi.getMoreStatements({ more: page.more })).data;
    pages++;
    seen.push(...page.statements.map((s) => s.id));
  }
  for (const id of [launched, ...sent]) {
    check(seen.includes(id), "statement " + id + " was not read back");
  }
  check(pages >= 3, "25 statements in pages of 10 came in " + pages + " pages");
  return `${seen.length} statements in ${pages} pages`;
});

await step("void a mistake", async () => {
  const mistake = sent[0];
  await xapi.voidStatement({ actor, statementId: mistake });
  const voided = (await xapi.getVoidedStatement({ voidedStatementId: mistake })).data;
  check(voided.id === mistake, "the voided statement is not served by voidedStatementId");
  try {
    await xapi.getStatement({ statementId: mistake });
  } catch (e) {
    check(e.response && e.response.status === 404, "a voided statement by statementId: " + e.message);
    return mistake;
  }
  throw new Error("a voided statement is still served by statementId");
});

await step("attachment", async () => {
  const certificate = Buffer.from("Forklift Safety: passed, " + new Date().toISOString());
  const sha2 = createHash("sha256").update(certificate).digest("hex");
  const withAttachment = statement("completed", course, {
    attachments: [{ usageType: "http://id.tincanapi.com/attachment/certificate-of-completion",
      display: { "en-US": "Certificate" }, contentType: "text/plain", length: certificate.length, sha2 }] });
  const [id] = (await xapiFetch.sendStatement({ statement: withAttachment,
    attachments: [certificate.buffer.slice(certificate.byteOffset, certificate.byteOffset + certificate.length)] })).data;
  // with attachments, the library answers [statement, ...the parts' contents]
  const [read, ...parts] = (await xapiFetch.getStatement({ statementId: id, attachments: true })).data;
  check(read.id === id, "the statement read back is " + read.id);
  check(read.attachments[0].sha2 === sha2, "the attachment's hash is not in the statement");
  check(parts.length === 1 && String(parts[0]) === certificate.toString(), "the attachment read back differs");
  return id;
});
