#!/usr/bin/env node
// Runs the test layers with node's test runner and ends with one "N passed, N failed" line.
//   node scripts/test.mjs                 -> unit, integration, ui
//   node scripts/test.mjs unit            -> one layer
//   node scripts/test.mjs integration test/integration/sandbox/listeners.test.ts  -> some files
//   node scripts/test.mjs --kafka 4.1.2 integration   -> against one Kafka version (also: --kafka=3.9.2,4.1.2
//                                                        or MSK_TEST_KAFKA_VERSIONS=4.1.2)
//   node scripts/test.mjs --plan …                    -> print what would run (JSON), run nothing
// Kafka versions: a run without files tests the integration and ui layers against every version in
// CI_KAFKA_VERSIONS (3.9.2, then 4.1.2), one sandbox after the other, and prints one "N passed,
// N failed" line per version before the total. The first version runs the whole ui layer; a later
// one runs the integration layer whole and UI_EVERY_VERSION of the ui layer (the files whose
// subject is the broker: tail, produce, lag, the explorer, Express; the rest — VS Code
// layout, SSO, SSH tunnels, settings refresh, the 5,000-topic scale test in its own 3.9 sandbox — does
// not change with the broker's version, and running it twice would add ~4 minutes to CI).
// A run with files tests against the sandbox that runs (or the default version) unless --kafka says.
// The integration and ui layers need the sandbox: it is started when it is not running
// (and stopped again at the end), with a short IAM session lifetime so re-authentication
// is exercised by the tests. When a sandbox of another version already runs in the state folder
// (e.g. the developer's), it is left alone and the wanted version starts in <state folder>/kafka-<V>
// on free ports, and is stopped at the end.
// First of all the preflight (scripts/preflight.mjs) checks the system
// prerequisites: the `test` set when the integration or ui layer runs, Node alone for unit tests.
// Whole integration/ui layers end with a check that the sandbox holds no new topic or group with
// the names tests make (sandbox/lifecycle/reset.ts): a test that leaves one fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { preflight } from './preflight.mjs';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'test-output');
mkdirSync(outDir, { recursive: true });

const LAYERS = ['unit', 'integration', 'ui'];
/** The Kafka versions a whole run tests, in this order (MSK offers both lines; 4.x is KRaft only). */
const CI_KAFKA_VERSIONS = ['3.9.2', '4.1.2'];
/** The ui files every version runs; a version after the first runs only these (see the top). */
const UI_EVERY_VERSION = [
  'test/ui/explorer.test.ts',
  'test/ui/express.test.ts',
  'test/ui/lag.test.ts',
  'test/ui/produce.test.ts',
  'test/ui/tail.test.ts',
];

/** The ui files a version runs: all on the first version; the broker-facing subset on later ones (whole runs only). */
const uiSubsetFor = (versionIndex) => (versionIndex > 0 && files.length === 0 ? UI_EVERY_VERSION : undefined);
export const TEST_IAM_SESSION_SECONDS = 20;

const { layers, files, kafkaFlags, plan } = parseArgs(process.argv.slice(2));
const selected = layers.length ? layers : files.length ? inferLayers(files) : LAYERS;
const needsSandbox = selected.some((l) => l !== 'unit');
/** undefined: the sandbox that runs, else the default version. */
const versions = kafkaVersions();

function parseArgs(argv) {
  const out = { layers: [], files: [], kafkaFlags: [], plan: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--plan') out.plan = true;
    else if (a === '--kafka') out.kafkaFlags.push(argv[++i] ?? '');
    else if (a.startsWith('--kafka=')) out.kafkaFlags.push(a.slice('--kafka='.length));
    else if (LAYERS.includes(a)) out.layers.push(a);
    else out.files.push(a);
  }
  return out;
}

function kafkaVersions() {
  const given = kafkaFlags.length ? kafkaFlags.join(',') : (process.env.MSK_TEST_KAFKA_VERSIONS ?? '');
  const list = given
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  for (const v of list) {
    if (!/^\d+\.\d+\.\d+$/.test(v)) {
      console.error(`not a Kafka version: "${v}" (expected e.g. 3.9.2 or 4.1.2; --kafka=3.9.2,4.1.2)`);
      process.exit(2);
    }
  }
  if (list.length) return [...new Set(list)];
  return files.length ? [undefined] : CI_KAFKA_VERSIONS;
}

function inferLayers(list) {
  return LAYERS.filter((l) => list.some((f) => relative(root, resolve(f)).startsWith(join('test', l))));
}

function findTests(dir) {
  if (!existsSync(dir)) return [];
  const found = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) found.push(...findTests(p));
    else if (name.endsWith('.test.ts')) found.push(p);
  }
  return found.sort();
}

function run(cmd, cmdArgs, opts = {}) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', cwd: root, ...opts });
  return r.status ?? 1;
}

/** Runs the sandbox CLI against the state folder `dir` (undefined: MSK_SANDBOX_DIR or .sandbox). */
function sandboxCli(dir, cliArgs, opts = {}) {
  const env = dir ? { ...process.env, MSK_SANDBOX_DIR: dir } : process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', ...cliArgs], { cwd: root, env, ...opts });
}

function sandboxRunning(dir) {
  return sandboxCli(dir, ['status', '--quiet']).status === 0;
}

const defaultStateDir = resolve(process.env.MSK_SANDBOX_DIR ?? join(root, '.sandbox'));

/** Kafka version of the sandbox in `dir` (its sandbox.json), or undefined. */
function runningVersion(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'sandbox.json'), 'utf8')).kafkaVersion;
  } catch {
    return undefined;
  }
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

/** One --<port flag> N per sandbox port, all distinct and free now. */
async function freePortFlags() {
  const names = ['plaintext', 'controller', 'tls', 'scram', 'iam', 'serverless-iam', 'connect', 'controlplane'];
  const taken = new Set();
  const flags = [];
  for (const name of names) {
    let port = await freePort();
    while (taken.has(port)) port = await freePort();
    taken.add(port);
    flags.push(`--${name}-port`, String(port));
  }
  return flags;
}

/**
 * A running sandbox of `version` for the tests: the one that runs when it has that version (left
 * running), else started in the state folder (stopped at the end), else — another version runs
 * there — started in <state folder>/kafka-<version> on free ports (stopped at the end).
 */
async function sandboxFor(version) {
  if (sandboxRunning(undefined)) {
    const v = runningVersion(defaultStateDir);
    if (version === undefined || v === version) return { dir: defaultStateDir, version: v, started: false };
    const dir = join(defaultStateDir, `kafka-${version}`);
    console.log(`\n== a Kafka ${v} sandbox runs in ${defaultStateDir}: starting Kafka ${version} in ${dir} ==`);
    startSandbox(dir, ['--kafka-version', version, ...(await freePortFlags())]);
    return { dir, version, started: true };
  }
  console.log(`\n== starting the sandbox (Kafka ${version ?? 'default version'}) for the tests ==`);
  startSandbox(undefined, version ? ['--kafka-version', version] : []);
  return { dir: defaultStateDir, version: runningVersion(defaultStateDir), started: true };
}

function startSandbox(dir, flags) {
  const r = sandboxCli(dir, ['start', '--iam-session-seconds', String(TEST_IAM_SESSION_SECONDS), ...flags], {
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    sandboxCli(dir, ['stop'], { stdio: 'inherit' });
    throw new Error('the sandbox did not start (see the lines above for the part and its log)');
  }
}

/** Topics and groups with the names tests make (`npm run sandbox -- reset --dry-run`), or undefined. */
function leftovers(dir) {
  const r = sandboxCli(dir, ['reset', '--dry-run', '--json'], { encoding: 'utf8' });
  try {
    return r.status === 0 ? JSON.parse(r.stdout.trim().split('\n').pop()) : undefined;
  } catch {
    return undefined;
  }
}

function layerFilesOf(layer, subset) {
  const all = files.length
    ? files
        .map((f) => resolve(f))
        .flatMap((f) => (existsSync(f) && statSync(f).isDirectory() ? findTests(f) : [f]))
        .filter((f) => relative(root, f).startsWith(join('test', layer)))
    : findTests(join(root, 'test', layer));
  return subset ? all.filter((f) => subset.includes(relative(root, f))) : all;
}

/** Runs one layer's files; adds to `totals`; returns false when the layer failed. */
function runLayer(layer, layerFiles, label, env, totals) {
  console.log(`\n== ${label}: ${layerFiles.length} file(s) ==`);
  if (layerFiles.length === 0) {
    console.log(`no ${layer} test files found`);
    totals.fail += 1;
    return false;
  }
  // Own file per run (several runs may share test-output/), kept as <label>.tap once read.
  const tapName = label.replace(/[^\w.-]+/g, '-');
  const tap = join(outDir, `${tapName}.${process.pid}.tap`);
  const code = run(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=1',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...layerFiles,
    ],
    { env: { ...env, MSK_TEST_LAYER: layer } },
  );
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  if (existsSync(tap)) renameSync(tap, join(outDir, `${tapName}.tap`));
  const pass = Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0);
  const fail = Number(/^# fail (\d+)/m.exec(text)?.[1] ?? 0);
  const cancelled = Number(/^# cancelled (\d+)/m.exec(text)?.[1] ?? 0);
  totals.pass += pass;
  totals.fail += fail + cancelled;
  if (code !== 0 && fail + cancelled === 0) totals.fail += 1; // a crash outside any test still fails the run
  console.log(`== ${label}: ${pass} passed, ${fail + cancelled} failed ==`);
  return code === 0;
}

/** The integration and ui layers against one Kafka version; returns its counts and failed layers. */
async function runVersion(version, index) {
  const totals = { pass: 0, fail: 0 };
  const failed = [];
  let sb;
  try {
    sb = await sandboxFor(version);
    const env = { ...process.env, MSK_SANDBOX_DIR: sb.dir };
    const name = `Kafka ${sb.version ?? version}`;
    const checkLeftovers = files.length === 0;
    const leftBefore = checkLeftovers ? leftovers(sb.dir) : undefined;
    for (const layer of selected.filter((l) => l !== 'unit')) {
      const subset = layer === 'ui' ? uiSubsetFor(index) : undefined;
      const label = `${layer}${subset ? ' (subset)' : ''}, ${name}`;
      if (!runLayer(layer, layerFilesOf(layer, subset), label, env, totals)) failed.push(label);
    }
    const leftAfter = leftBefore ? leftovers(sb.dir) : undefined;
    if (leftBefore && leftAfter) {
      const topics = leftAfter.topics.filter((t) => !leftBefore.topics.includes(t));
      const groups = leftAfter.groups.filter((g) => !leftBefore.groups.includes(g));
      if (topics.length || groups.length) {
        console.log(`\n== the tests left ${topics.length} topic(s) and ${groups.length} group(s) in the sandbox ==`);
        for (const t of topics) console.log(`  topic ${t}`);
        for (const g of groups) console.log(`  group ${g}`);
        console.log('Each test deletes what it creates; `npm run sandbox -- reset` deletes these.');
        failed.push(`clean-up, ${name}`);
        totals.fail += 1;
      }
    }
  } catch (err) {
    console.error(`\n${err instanceof Error ? err.message : String(err)}`);
    failed.push(`sandbox, Kafka ${version ?? ''}`.trim());
    totals.fail += 1;
  } finally {
    if (sb?.started) sandboxCli(sb.dir, ['stop'], { stdio: 'inherit' });
  }
  return { version: sb?.version ?? version ?? 'default', totals, failed };
}

if (plan) {
  const rel = (list) => list.map((f) => relative(root, f));
  console.log(
    JSON.stringify({
      unit: selected.includes('unit') ? rel(layerFilesOf('unit')) : [],
      versions: needsSandbox
        ? versions.map((version, i) => ({
            version: version ?? null,
            ...Object.fromEntries(
              selected
                .filter((l) => l !== 'unit')
                .map((l) => [l, rel(layerFilesOf(l, l === 'ui' ? uiSubsetFor(i) : undefined))]),
            ),
          }))
        : [],
    }),
  );
  process.exit(0);
}

const preflightCode = await preflight(needsSandbox ? 'test' : 'unit');
if (preflightCode !== 0) process.exit(preflightCode);

const lines = [];
const all = { pass: 0, fail: 0 };
const failedLayers = [];
try {
  if (selected.includes('unit')) {
    const unit = { pass: 0, fail: 0 };
    if (!runLayer('unit', layerFilesOf('unit'), 'unit', process.env, unit)) failedLayers.push('unit');
    lines.push(`unit: ${unit.pass} passed, ${unit.fail} failed`);
    all.pass += unit.pass;
    all.fail += unit.fail;
  }
  if (selected.includes('ui')) {
    console.log('\n== build (for the ui layer) ==');
    if (run('npm', ['run', '--silent', 'build']) !== 0) throw new Error('build failed');
  }
  if (needsSandbox) {
    for (const [i, version] of versions.entries()) {
      const r = await runVersion(version, i);
      const subset = uiSubsetFor(i) !== undefined;
      const what = selected
        .filter((l) => l !== 'unit')
        .map((l) => (l === 'ui' && subset ? 'ui: broker-facing files' : l))
        .join(' + ');
      lines.push(`Kafka ${r.version} (${what}): ${r.totals.pass} passed, ${r.totals.fail} failed`);
      all.pass += r.totals.pass;
      all.fail += r.totals.fail;
      failedLayers.push(...r.failed);
    }
  }
} catch (err) {
  console.error(`\n${err instanceof Error ? err.message : String(err)}`);
  all.fail += 1;
}

if (failedLayers.length) console.log(`\nfailed: ${failedLayers.join('; ')}`);
if (lines.length > 1) console.log(`\n${lines.join('\n')}`);
console.log(`\n${all.pass} passed, ${all.fail} failed`);
process.exit(all.fail === 0 && all.pass > 0 ? 0 : 1);
