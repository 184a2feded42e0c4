#!/usr/bin/env node
// Runs the test layers with node's test runner and ends with one "N passed, N failed" line.
//   node scripts/test.mjs                 -> unit, integration, ui
//   node scripts/test.mjs unit            -> one layer
//   node scripts/test.mjs integration test/integration/sandbox/listeners.test.ts  -> some files
// The integration and ui layers need the sandbox: it is started when it is not running
// (and stopped again at the end), with a short IAM session lifetime so re-authentication
// is exercised by the tests. First of all the preflight (scripts/preflight.mjs) checks the system
// prerequisites: the `test` set when the integration or ui layer runs, Node alone for unit tests.
// Whole integration/ui layers end with a check that the sandbox holds no new topic or group with
// the names tests make (sandbox/lifecycle/reset.ts): a test that leaves one fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { preflight } from './preflight.mjs';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'test-output');
mkdirSync(outDir, { recursive: true });

const LAYERS = ['unit', 'integration', 'ui'];
const args = process.argv.slice(2);
const layers = args.filter((a) => LAYERS.includes(a));
const files = args.filter((a) => !LAYERS.includes(a));
const selected = layers.length ? layers : files.length ? inferLayers(files) : LAYERS;

export const TEST_IAM_SESSION_SECONDS = 20;

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

function sandboxRunning() {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', 'status', '--quiet'], { cwd: root });
  return r.status === 0;
}

const preflightCode = await preflight(selected.some((l) => l !== 'unit') ? 'test' : 'unit');
if (preflightCode !== 0) process.exit(preflightCode);

/** Topics and groups with the names tests make (`npm run sandbox -- reset --dry-run`), or undefined. */
function leftovers() {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', 'reset', '--dry-run', '--json'], {
    cwd: root,
    encoding: 'utf8',
  });
  try {
    return r.status === 0 ? JSON.parse(r.stdout.trim().split('\n').pop()) : undefined;
  } catch {
    return undefined;
  }
}

const totals = { pass: 0, fail: 0 };
const failedLayers = [];
let startedSandbox = false;

try {
  if (selected.includes('ui')) {
    console.log('\n== build (for the ui layer) ==');
    if (run('npm', ['run', '--silent', 'build']) !== 0) throw new Error('build failed');
  }
  if (selected.some((l) => l !== 'unit')) {
    if (!sandboxRunning()) {
      console.log('\n== starting the sandbox for the tests ==');
      const code = run(process.execPath, [
        '--import',
        'tsx',
        'sandbox/cli.ts',
        'start',
        '--iam-session-seconds',
        String(TEST_IAM_SESSION_SECONDS),
      ]);
      if (code !== 0) throw new Error('the sandbox did not start (see the lines above for the part and its log)');
      startedSandbox = true;
    }
  }
  // Whole layers against the sandbox: afterwards it must hold no topic or group the tests made.
  const checkLeftovers = files.length === 0 && selected.some((l) => l !== 'unit');
  const leftBefore = checkLeftovers ? leftovers() : undefined;
  for (const layer of selected) {
    const layerFiles = files.length
      ? files
          .map((f) => resolve(f))
          .flatMap((f) => (existsSync(f) && statSync(f).isDirectory() ? findTests(f) : [f]))
          .filter((f) => relative(root, f).startsWith(join('test', layer)))
      : findTests(join(root, 'test', layer));
    console.log(`\n== ${layer}: ${layerFiles.length} file(s) ==`);
    if (layerFiles.length === 0) {
      console.log(`no ${layer} test files found`);
      failedLayers.push(layer);
      totals.fail += 1;
      continue;
    }
    const tap = join(outDir, `${layer}.tap`);
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
      { env: { ...process.env, MSK_TEST_LAYER: layer } },
    );
    const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
    const pass = Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0);
    const fail = Number(/^# fail (\d+)/m.exec(text)?.[1] ?? 0);
    const cancelled = Number(/^# cancelled (\d+)/m.exec(text)?.[1] ?? 0);
    totals.pass += pass;
    totals.fail += fail + cancelled;
    if (code !== 0 && fail + cancelled === 0) totals.fail += 1; // a crash outside any test still fails the run
    if (code !== 0) failedLayers.push(layer);
    console.log(`== ${layer}: ${pass} passed, ${fail + cancelled} failed ==`);
  }
  const leftAfter = leftBefore ? leftovers() : undefined;
  if (leftBefore && leftAfter) {
    const topics = leftAfter.topics.filter((t) => !leftBefore.topics.includes(t));
    const groups = leftAfter.groups.filter((g) => !leftBefore.groups.includes(g));
    if (topics.length || groups.length) {
      console.log(`\n== the tests left ${topics.length} topic(s) and ${groups.length} group(s) in the sandbox ==`);
      for (const t of topics) console.log(`  topic ${t}`);
      for (const g of groups) console.log(`  group ${g}`);
      console.log('Each test deletes what it creates; `npm run sandbox -- reset` deletes these.');
      failedLayers.push('clean-up');
      totals.fail += 1;
    }
  }
} catch (err) {
  console.error(`\n${err instanceof Error ? err.message : String(err)}`);
  totals.fail += 1;
} finally {
  if (startedSandbox) run(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', 'stop']);
}

if (failedLayers.length) console.log(`\nfailed layers: ${failedLayers.join(', ')}`);
console.log(`\n${totals.pass} passed, ${totals.fail} failed`);
process.exit(totals.fail === 0 && totals.pass > 0 ? 0 : 1);
