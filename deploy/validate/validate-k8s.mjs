// Validates Kubernetes manifests (multi-document YAML, e.g. `kubectl kustomize` output) against the
// Kubernetes OpenAPI schemas shipped in the kubernetes-models package.
//   kubectl kustomize ../overlays/dev | node validate-k8s.mjs      or      node validate-k8s.mjs FILE
// Dapr resources (dapr.io) have no schema here; they are checked by tests/Marketplace.Deploy.Tests.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const SKIPPED_GROUPS = new Set(["dapr.io"]);

const source = readFileSync(process.argv[2] ?? 0, "utf8");
const documents = parseAllDocuments(source);
let validated = 0;
const skipped = [];
const failures = [];

for (const document of documents) {
  if (document.errors.length > 0) {
    failures.push(`YAML error: ${document.errors.map((e) => e.message).join("; ")}`);
    continue;
  }
  const manifest = document.toJS();
  if (manifest === null || manifest === undefined) continue;
  const { apiVersion, kind } = manifest;
  const name = `${kind ?? "?"} ${manifest.metadata?.name ?? "?"}`;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    failures.push(`${name}: apiVersion and kind are required`);
    continue;
  }
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (SKIPPED_GROUPS.has(group)) {
    skipped.push(`${apiVersion} ${name}`);
    continue;
  }
  const modulePath = group === "" ? `kubernetes-models/${version}/${kind}` : `kubernetes-models/${group}/${version}/${kind}`;
  let model;
  try {
    model = (await import(modulePath))[kind];
  } catch {
    failures.push(`${name}: no schema for ${apiVersion} ${kind}`);
    continue;
  }
  try {
    new model(manifest).validate();
    validated++;
  } catch (error) {
    failures.push(`${name}: ${error.message}`);
  }
}

console.log(`validated ${validated} Kubernetes objects, skipped ${skipped.length} Dapr objects`);
for (const failure of failures) console.error(`INVALID ${failure}`);
if (validated === 0 && failures.length === 0) {
  console.error("INVALID no Kubernetes objects found");
  process.exit(1);
}
process.exit(failures.length > 0 ? 1 : 0);
