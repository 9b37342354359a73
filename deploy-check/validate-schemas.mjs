// Checks Kubernetes objects against the API's OpenAPI schemas, as the kubernetes-models
// package compiles them (required fields, types, enums, formats). Reads a JSON array of
// objects on stdin; prints a JSON array of {index, kind, name, errors} for the invalid ones;
// exits 0 either way, 2 when an object's apiVersion/kind has no model.
const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
const objects = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const invalid = [];
for (const [index, object] of objects.entries()) {
  const where = { index, kind: `${object.apiVersion}/${object.kind}`, name: object.metadata?.name ?? "" };
  let Model;
  try {
    Model = (await import(`kubernetes-models/${object.apiVersion}/${object.kind}`))[object.kind];
  } catch (e) {
    console.error(`no schema for ${where.kind} (${where.name}): ${e.message}`);
    process.exit(2);
  }
  try {
    new Model(object).validate();
  } catch (e) {
    invalid.push({ ...where, errors: e.message });
  }
}
console.log(JSON.stringify(invalid));
