// Electronegativity gate: scans the Electron main/preload source (and the renderer's own code)
// and compares the findings with the reviewed baseline in security/electronegativity-baseline.json.
//
//   node scripts/security.mjs [--report <file.json>]
//
// A finding is keyed by check name + repository-relative file (never by line), so small edits do
// not invalidate the baseline; a new check firing, or a known check firing in another file, does.
// Exit codes: 0 no new findings; 1 new findings (printed, with a baseline entry to review and
// paste); 2 the scan or the baseline itself is broken.
//
// Notes on the tool (@doyensec/electronegativity 1.10):
// - It is used through its documented programmatic API (the package's `main`), not the CLI: the
//   CLI writes its CSV with two racing async writes and is killed by an uncaught error from `got`
//   when the network is down (see the guard below), so its exit code and report are unreliable.
// - It always tries to download translations; offline that fails and it carries on in English.
// - AvailableSecurityFixesGlobalCheck is excluded: it downloads Electron's release list, so its
//   result depends on the network and on the day. Electron updates are tracked separately.
// - The README documents `electronVersion`, but the runner reads `electronVersionOverride`.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const BASELINE_PATH = 'security/electronegativity-baseline.json';
/** `globalChecks: false`: the renderer alone cannot satisfy app-wide checks (CSP, navigation…). */
const SCANS = [
  { dir: 'electron', globalChecks: true },
  { dir: 'renderer', globalChecks: false },
];
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const GLOBAL_FILE = '(global)';

const EXIT_OK = 0;
const EXIT_NEW_FINDINGS = 1;
const EXIT_BROKEN = 2;

function fail(message) {
  console.error(`security: ${message}`);
  process.exit(EXIT_BROKEN);
}

function parseArgs(argv) {
  const args = { report: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--report' && argv[i + 1]) args.report = path.resolve(argv[++i]);
    else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log('usage: node scripts/security.mjs [--report <file.json>]');
      process.exit(EXIT_OK);
    } else fail(`unknown argument ${argv[i]}`);
  }
  return args;
}

const keyOf = (check, file) => `${check}  ${file}`;

/** Reads and validates the baseline: every entry needs check, file and a one-line reason. */
function loadBaseline() {
  let data;
  try {
    data = JSON.parse(readFileSync(path.join(root, BASELINE_PATH), 'utf8'));
  } catch (error) {
    fail(`cannot read ${BASELINE_PATH}: ${error.message}`);
  }
  if (!data || !Array.isArray(data.accepted)) fail(`${BASELINE_PATH} must have an "accepted" array`);
  const entries = new Map();
  data.accepted.forEach((entry, index) => {
    const where = `${BASELINE_PATH} accepted[${index}]`;
    for (const field of ['check', 'file', 'reason']) {
      if (typeof entry?.[field] !== 'string' || entry[field].trim() === '') fail(`${where}: "${field}" must be a non-empty string`);
    }
    const extra = Object.keys(entry).filter((k) => !['check', 'file', 'reason'].includes(k));
    if (extra.length > 0) fail(`${where}: unknown field(s) ${extra.join(', ')}`);
    if (/[\r\n]/.test(entry.reason)) fail(`${where}: "reason" must be one line`);
    if (/^\s*todo\b/i.test(entry.reason)) fail(`${where}: "reason" is still a TODO; review the finding`);
    const key = keyOf(entry.check, entry.file);
    if (entries.has(key)) fail(`${where}: duplicate entry for ${entry.check} in ${entry.file}`);
    entries.set(key, entry);
  });
  return entries;
}

function electronVersion() {
  try {
    return require('electron/package.json').version;
  } catch {
    fail('cannot read the installed Electron version (node_modules/electron/package.json)');
  }
}

/** The tool's `got` requests keep retrying after they failed offline and throw from timers. */
function isStrayNetworkError(error) {
  const stack = String(error?.stack ?? '').replaceAll('\\', '/');
  return stack.includes('/node_modules/got/') || stack.includes('/node_modules/p-cancelable/');
}

async function scan() {
  let noted = false;
  process.on('uncaughtException', (error) => {
    if (isStrayNetworkError(error)) {
      if (!noted) console.log('security: electronegativity could not reach the network (ignored; the scan is local)');
      noted = true;
      return;
    }
    console.error(error);
    process.exit(EXIT_BROKEN);
  });

  const run = require('@doyensec/electronegativity');
  const version = electronVersion();
  const findings = [];
  const problems = [];
  for (const { dir, globalChecks } of SCANS) {
    const input = path.join(root, dir);
    const result = await run({
      input,
      isRelative: true,
      excludeFromScan: EXCLUDED_CHECKS,
      electronVersionOverride: version,
      parserPlugins: [],
    });
    for (const error of result.errors) {
      const file = path.relative(root, error.file).split(path.sep).join('/');
      if (error.tolerable) console.warn(`security: warning in ${file}: ${error.message}`);
      else problems.push(`${file} could not be scanned: ${error.message}`);
    }
    for (const issue of result.issues) {
      const isGlobal = issue.file === 'N/A';
      if (isGlobal && !globalChecks) continue;
      if (!globalChecks && issue.id.endsWith('_GLOBAL_CHECK')) continue;
      findings.push({
        check: issue.id,
        file: isGlobal ? GLOBAL_FILE : path.posix.join(dir, issue.file.split(path.sep).join('/')),
        line: issue.location?.line ?? 0,
        column: issue.location?.column ?? 0,
        severity: issue.severity?.name ?? '?',
        confidence: issue.confidence?.name ?? '?',
        manualReview: Boolean(issue.manualReview),
        sample: issue.sample ?? '',
        description: issue.description ?? '',
        url: `https://github.com/doyensec/electronegativity/wiki/${issue.id}`,
      });
    }
  }
  return { version, findings, problems };
}

function describe(finding) {
  const at = finding.file === GLOBAL_FILE ? GLOBAL_FILE : `${finding.file}:${finding.line}:${finding.column}`;
  const lines = [`  ${finding.check}  ${at}  [${finding.severity}/${finding.confidence}]`];
  if (finding.sample) lines.push(`      ${finding.sample}`);
  lines.push(`      ${finding.description} (${finding.url})`);
  return lines.join('\n');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const baseline = loadBaseline();
  const { version, findings, problems } = await scan();

  const fresh = findings.filter((f) => !baseline.has(keyOf(f.check, f.file)));
  const accepted = findings.filter((f) => baseline.has(keyOf(f.check, f.file)));
  const seen = new Set(findings.map((f) => keyOf(f.check, f.file)));
  const stale = [...baseline.values()].filter((e) => !seen.has(keyOf(e.check, e.file)));

  console.log(
    `security: electronegativity on ${SCANS.map((s) => s.dir).join(', ')} (Electron ${version}): ` +
      `${findings.length} finding(s), ${accepted.length} accepted by the baseline, ${fresh.length} new`,
  );

  if (args.report) {
    mkdirSync(path.dirname(args.report), { recursive: true });
    const status = (f) => (baseline.has(keyOf(f.check, f.file)) ? 'accepted' : 'new');
    writeFileSync(args.report, `${JSON.stringify({ electron: version, findings: findings.map((f) => ({ ...f, status: status(f) })), stale, problems }, null, 2)}\n`);
  }

  for (const entry of stale) {
    console.log(`security: baseline entry no longer needed: ${entry.check} in ${entry.file} (remove it from ${BASELINE_PATH})`);
  }

  if (problems.length > 0) {
    for (const problem of problems) console.error(`security: ${problem}`);
    process.exit(EXIT_BROKEN);
  }

  if (fresh.length > 0) {
    console.log('\nNew findings (not in the baseline):');
    for (const finding of fresh) console.log(describe(finding));
    const unique = [...new Map(fresh.map((f) => [keyOf(f.check, f.file), f])).values()];
    const snippet = unique.map((f) => ({ check: f.check, file: f.file, reason: 'TODO: why this is acceptable, in one line' }));
    console.log(`\nFix them, or after review add to "accepted" in ${BASELINE_PATH}:\n${JSON.stringify(snippet, null, 2)}`);
    process.exit(EXIT_NEW_FINDINGS);
  }
  process.exit(EXIT_OK);
}

main().catch((error) => {
  console.error(error);
  process.exit(EXIT_BROKEN);
});
