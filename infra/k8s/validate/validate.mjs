// Validates rendered Kubernetes objects (multi-document YAML on stdin, as `kubectl kustomize`
// prints them) against the Kubernetes API schemas: kubernetes-models' validators, compiled by ajv
// from the Kubernetes OpenAPI definitions, check types, formats, enums and required fields. They
// let unknown fields pass, as kubectl's client side does; a typo such as `readinesProbe` must not,
// so each object is handed to its validator behind a Proxy that records which properties the
// validator reads: a property it never read is not in the schema. Maps (labels, resources) are
// enumerated by the validator and so accept any key. Custom resources (CloudNativePG's Cluster)
// have no schema here and are only listed. Exit code 1 on any finding.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const schemas = join(dirname(fileURLToPath(import.meta.url)), "node_modules", "kubernetes-models", "_schemas");

function schemaName(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["core", apiVersion];
  const name = group.split(".")[0];
  return `IoK8sApi${name[0].toUpperCase()}${name.slice(1)}${version[0].toUpperCase()}${version.slice(1)}${kind}`;
}

/** A view of value whose reads are recorded in seen: object -> {keys: Set, enumerated: bool}. */
function recorded(value, seen) {
  if (value === null || typeof value !== "object") return value;
  const record = { keys: new Set(), enumerated: false };
  seen.set(value, record);
  const children = new Map();
  return new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === "string") record.keys.add(key);
      const child = Reflect.get(target, key, receiver);
      if (child === null || typeof child !== "object") return child;
      if (!children.has(key)) children.set(key, recorded(child, seen));
      return children.get(key);
    },
    has(target, key) {
      if (typeof key === "string") record.keys.add(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      record.enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
}

function unknownFields(value, seen, path, found) {
  if (value === null || typeof value !== "object") return;
  const record = seen.get(value);
  if (Array.isArray(value)) {
    value.forEach((item, i) => unknownFields(item, seen, `${path}[${i}]`, found));
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (record && !record.enumerated && !record.keys.has(key)) {
      found.push(`${path}.${key}: not a field of the schema`);
    } else if (record) {
      unknownFields(child, seen, `${path}.${key}`, found);
    }
  }
}

const input = await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8").on("data", (chunk) => (text += chunk)).on("end", () => resolve(text));
});
let failures = 0;
let checked = 0;
for (const document of parseAllDocuments(input)) {
  if (document.errors.length > 0) {
    console.error(`not YAML: ${document.errors[0].message}`);
    failures++;
    continue;
  }
  const object = document.toJS();
  if (object === null) continue;
  const name = `${object.kind}/${object.metadata?.name}`;
  const file = join(schemas, `${schemaName(object.apiVersion ?? "", object.kind ?? "")}.js`);
  if (!existsSync(file)) {
    console.log(`${name} (${object.apiVersion}): no schema, not validated`);
    continue;
  }
  const { validate } = await import(file);
  const seen = new Map();
  const valid = validate(recorded(object, seen));
  const found = valid ? [] : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
  unknownFields(object, seen, "", found);
  checked++;
  if (found.length > 0) {
    failures++;
    console.error(`${name}:\n  ${found.join("\n  ")}`);
  }
}
console.log(`${checked} objects validated against the Kubernetes schemas, ${failures} invalid`);
process.exit(failures > 0 ? 1 : 0);
