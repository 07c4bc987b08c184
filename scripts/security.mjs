// Electronegativity gate: scans the Electron main/preload source (and the renderer's own code)
// and compares the findings with the reviewed baseline in security/electronegativity-baseline.json.
//
//   node scripts/security.mjs [--root <project folder>] [--report <file.json>]
//
// The project folder defaults to $SPHERES_SECURITY_ROOT, else the folder this script lives in
// (tests point it at a temporary copy with a planted flaw and expect the gate to fail).
//
// A finding is accepted only by a baseline entry with the same check, file and fingerprint, and
// each entry accepts exactly one finding. The fingerprint is a hash of the code the finding points
// at: the tokens of the statement that holds it and of the statement just before it (the guard
// that usually makes it safe), plus where in them the finding sits. Comments, whitespace and line
// numbers do not enter it, so moving code or reformatting keeps the baseline; changing the
// flagged code or its guard, or adding another flagged statement anywhere (even an identical one
// in an accepted file), is a new finding to review.
// Exit codes: 0 no new findings; 1 new findings or an `eng-disable` suppression (printed, with a
// baseline entry to review and paste); 2 the scan or the baseline itself is broken.
//
// Notes on the tool (@doyensec/electronegativity 1.10):
// - It is used through its documented programmatic API (the package's `main`), not the CLI: the
//   CLI writes its CSV with two racing async writes and is killed by an uncaught error from `got`
//   when the network is down (see the guard below), so its exit code and report are unreliable.
// - It always tries to download translations; offline that fails and it carries on in English.
// - AvailableSecurityFixesGlobalCheck is excluded: it downloads Electron's release list, so its
//   result depends on the network and on the day. Electron updates are tracked separately.
// - The README documents `electronVersion`, but the runner reads `electronVersionOverride`.
// - It silently drops findings on lines (or in files) carrying an `eng-disable` comment; the gate
//   refuses those comments, so the baseline stays the one place where a finding is accepted.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ts = require('typescript');

const BASELINE_PATH = 'security/electronegativity-baseline.json';
/** `globalChecks: false`: the renderer alone cannot satisfy app-wide checks (CSP, navigation…). */
const SCANS = [
  { dir: 'electron', globalChecks: true },
  { dir: 'renderer', globalChecks: false },
];
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const GLOBAL_FILE = '(global)';
const SCRIPT_KINDS = { '.ts': ts.ScriptKind.TS, '.mts': ts.ScriptKind.TS, '.cts': ts.ScriptKind.TS, '.tsx': ts.ScriptKind.TSX, '.js': ts.ScriptKind.JS, '.mjs': ts.ScriptKind.JS, '.cjs': ts.ScriptKind.JS, '.jsx': ts.ScriptKind.JSX };
const SCANNED_EXTENSIONS = new Set([...Object.keys(SCRIPT_KINDS), '.html', '.htm']);
/** The tool's own suppression syntax (dist/util/exceptions.js), matched a little more widely. */
const SUPPRESSION = /(?:\/\*|\/\/|<!--)[ \t]*eng-disable/i;

const EXIT_OK = 0;
const EXIT_NEW_FINDINGS = 1;
const EXIT_BROKEN = 2;

function fail(message) {
  console.error(`security: ${message}`);
  process.exit(EXIT_BROKEN);
}

function parseArgs(argv) {
  const defaultRoot = process.env.SPHERES_SECURITY_ROOT || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const args = { report: null, root: path.resolve(defaultRoot) };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--report' && argv[i + 1]) args.report = path.resolve(argv[++i]);
    else if (argv[i] === '--root' && argv[i + 1]) args.root = path.resolve(argv[++i]);
    else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log('usage: node scripts/security.mjs [--root <project folder>] [--report <file.json>]');
      process.exit(EXIT_OK);
    } else fail(`unknown argument ${argv[i]}`);
  }
  for (const { dir } of SCANS) {
    let isDir = false;
    try {
      isDir = statSync(path.join(args.root, dir)).isDirectory();
    } catch {
      // reported below
    }
    if (!isDir) fail(`${path.join(args.root, dir)} is not a folder: is ${args.root} the project folder?`);
  }
  return args;
}

const keyOf = (check, file, fingerprint) => `${check}  ${file}  ${fingerprint ?? ''}`;

/**
 * Reads and validates the baseline: every entry needs check, file, a fingerprint (except the
 * app-wide '(global)' checks, which have no code to point at) and a one-line reason.
 */
function loadBaseline(root) {
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
    const isGlobal = entry.file === GLOBAL_FILE;
    if (isGlobal && 'fingerprint' in entry) fail(`${where}: an app-wide (global) finding has no code, so no "fingerprint"`);
    if (!isGlobal && (typeof entry.fingerprint !== 'string' || !/^[0-9a-f]{16}$/.test(entry.fingerprint))) {
      fail(`${where}: "fingerprint" must be the 16 hex digits the gate printed for this finding`);
    }
    const extra = Object.keys(entry).filter((k) => !['check', 'file', 'fingerprint', 'reason'].includes(k));
    if (extra.length > 0) fail(`${where}: unknown field(s) ${extra.join(', ')}`);
    if (/[\r\n]/.test(entry.reason)) fail(`${where}: "reason" must be one line`);
    if (/^\s*todo\b/i.test(entry.reason)) fail(`${where}: "reason" is still a TODO; review the finding`);
    const key = keyOf(entry.check, entry.file, entry.fingerprint);
    if (entries.has(key)) fail(`${where}: duplicate entry for ${entry.check} in ${entry.file} (${entry.fingerprint ?? 'global'})`);
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

const toPosix = (p) => p.split(path.sep).join('/');

/** Every `eng-disable` comment in the scanned folders: each would hide findings from the gate. */
function findSuppressions(root) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (entry.isFile() && SCANNED_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
        readFileSync(full, 'utf8').split('\n').forEach((text, index) => {
          if (SUPPRESSION.test(text)) found.push({ file: toPosix(path.relative(root, full)), line: index + 1, text: text.trim() });
        });
      }
    }
  };
  for (const { dir } of SCANS) walk(path.join(root, dir));
  return found;
}

/**
 * The statement holding `pos` (the innermost one that sits directly in a block or the file) and
 * the statement before it in the same block, if any.
 */
function enclosingStatements(sourceFile, pos) {
  let node = sourceFile;
  let found = null;
  for (;;) {
    const statements = ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node) ? node.statements : null;
    const next = ts.forEachChild(node, (child) => (child.getStart(sourceFile) <= pos && pos < child.end ? child : undefined));
    if (next === undefined) break;
    if (statements !== null) {
      const index = statements.indexOf(next);
      if (index >= 0) found = { previous: index > 0 ? statements[index - 1] : null, statement: next };
    }
    node = next;
  }
  return found;
}

function hash(parts) {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

const collapse = (text) => text.replace(/\s+/g, ' ').trim();

/**
 * The fingerprint of a finding, and the code it covers (printed for review). Script files are
 * parsed and compared token by token; other files (HTML) by the flagged line and the line before.
 */
function fingerprintOf(source, check, line, column) {
  const lines = source.text.split('\n');
  const byLines = () => {
    const covered = lines.slice(Math.max(0, line - 2), line).map(collapse);
    return { fingerprint: hash([check, column, covered]), covers: covered.join(' ⏎ ') };
  };
  if (source.sourceFile === null || line < 1 || line > lines.length) return byLines();
  const pos = source.sourceFile.getPositionOfLineAndCharacter(line - 1, Math.min(column, lines[line - 1].length));
  const found = enclosingStatements(source.sourceFile, pos);
  if (found === null) return byLines();
  const start = (found.previous ?? found.statement).getStart(source.sourceFile);
  const end = found.statement.end;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, source.variant, source.text, undefined, start, end - start);
  const tokens = [];
  let at = -1;
  while (scanner.scan() !== ts.SyntaxKind.EndOfFileToken) {
    if (at < 0 && scanner.getTokenStart() >= pos) at = tokens.length;
    tokens.push(scanner.getTokenText());
  }
  return { fingerprint: hash([check, at, tokens]), covers: collapse(source.text.slice(start, end)) };
}

function readSource(root, file, cache) {
  if (!cache.has(file)) {
    const text = readFileSync(path.join(root, file), 'utf8');
    const kind = SCRIPT_KINDS[path.extname(file).toLowerCase()];
    const sourceFile = kind === undefined ? null : ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
    const variant = kind === ts.ScriptKind.TSX || kind === ts.ScriptKind.JSX ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard;
    cache.set(file, { text, sourceFile, variant });
  }
  return cache.get(file);
}

async function scan(root) {
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
  const sources = new Map();
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
      const file = toPosix(path.relative(root, error.file));
      if (error.tolerable) console.warn(`security: warning in ${file}: ${error.message}`);
      else problems.push(`${file} could not be scanned: ${error.message}`);
    }
    for (const issue of result.issues) {
      const isGlobal = issue.file === 'N/A';
      if (isGlobal && !globalChecks) continue;
      if (!globalChecks && issue.id.endsWith('_GLOBAL_CHECK')) continue;
      const file = isGlobal ? GLOBAL_FILE : path.posix.join(dir, toPosix(issue.file));
      const line = issue.location?.line ?? 0;
      const column = issue.location?.column ?? 0;
      const { fingerprint, covers } = isGlobal ? { fingerprint: null, covers: '' } : fingerprintOf(readSource(root, file, sources), issue.id, line, column);
      findings.push({
        check: issue.id,
        file,
        fingerprint,
        line,
        column,
        covers,
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
  if (finding.sample) lines.push(`      ${finding.sample.trim()}`);
  if (finding.fingerprint) lines.push(`      fingerprint ${finding.fingerprint} covers: ${finding.covers.length > 300 ? `${finding.covers.slice(0, 300)}…` : finding.covers}`);
  lines.push(`      ${finding.description} (${finding.url})`);
  return lines.join('\n');
}

/** Each baseline entry accepts one finding; a second finding with the same code is new. */
function sortFindings(findings, baseline) {
  const unused = new Map(baseline);
  const accepted = [];
  const fresh = [];
  for (const finding of findings) {
    const key = keyOf(finding.check, finding.file, finding.fingerprint);
    if (unused.has(key)) {
      unused.delete(key);
      accepted.push(finding);
    } else fresh.push(finding);
  }
  return { accepted, fresh, stale: [...unused.values()] };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const baseline = loadBaseline(args.root);
  const suppressions = findSuppressions(args.root);
  const { version, findings, problems } = await scan(args.root);
  const { accepted, fresh, stale } = sortFindings(findings, baseline);

  console.log(
    `security: electronegativity on ${SCANS.map((s) => s.dir).join(', ')} (Electron ${version}): ` +
      `${findings.length} finding(s), ${accepted.length} accepted by the baseline, ${fresh.length} new`,
  );

  if (args.report) {
    mkdirSync(path.dirname(args.report), { recursive: true });
    const acceptedSet = new Set(accepted);
    const report = {
      electron: version,
      findings: findings.map((f) => ({ ...f, status: acceptedSet.has(f) ? 'accepted' : 'new' })),
      stale,
      suppressions,
      problems,
    };
    writeFileSync(args.report, `${JSON.stringify(report, null, 2)}\n`);
  }

  for (const entry of stale) {
    console.log(`security: baseline entry no longer matches any finding: ${entry.check} in ${entry.file} (${entry.fingerprint ?? 'global'}); remove it from ${BASELINE_PATH}`);
  }

  if (problems.length > 0) {
    for (const problem of problems) console.error(`security: ${problem}`);
    process.exit(EXIT_BROKEN);
  }

  let exitCode = EXIT_OK;
  if (suppressions.length > 0) {
    console.log('\nSuppressed findings are not allowed (accept a finding in the baseline instead):');
    for (const s of suppressions) console.log(`  eng-disable  ${s.file}:${s.line}\n      ${s.text}`);
    exitCode = EXIT_NEW_FINDINGS;
  }
  if (fresh.length > 0) {
    console.log('\nNew findings (not in the baseline):');
    for (const finding of fresh) console.log(describe(finding));
    const snippet = fresh.map((f) => ({
      check: f.check,
      file: f.file,
      ...(f.fingerprint ? { fingerprint: f.fingerprint } : {}),
      reason: 'TODO: why this is acceptable, in one line',
    }));
    console.log(`\nFix them, or after review add to "accepted" in ${BASELINE_PATH}:\n${JSON.stringify(snippet, null, 2)}`);
    exitCode = EXIT_NEW_FINDINGS;
  }
  process.exit(exitCode);
}

main().catch((error) => {
  console.error(error);
  process.exit(EXIT_BROKEN);
});
