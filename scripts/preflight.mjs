#!/usr/bin/env node
// The system prerequisites of `npm start`, `npm test` and .ci/run — ONE list (PREREQUISITES), each
// with how it is checked, its version and the Debian package that provides it.
//
//   node scripts/preflight.mjs start        what `npm start` needs (sandbox + code-server)
//   node scripts/preflight.mjs test         what every test layer needs (adds the test browser, kcat)
//   node scripts/preflight.mjs unit         what the unit layer needs (Node only)
//   node scripts/preflight.mjs --packages test   the Debian packages of a need, one line
//
// All present: one line with the versions found. Something missing:
//   - on Debian/Ubuntu as root (or with passwordless sudo): `apt-get update` once, then
//     `apt-get install` of the missing packages, printing what it installs, then checks again;
//   - otherwise (or with MSK_PREFLIGHT=check): one line per missing piece and the single command
//     that installs them all; exit code 1, before anything else starts.
// No dependencies beyond Node: it runs before `npm ci` in .ci/run.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const NEEDS = ['unit', 'start', 'test'];
const START = ['start', 'test'];
const TEST = ['test'];

/** Runs a command (never a shell); resolves with its output, or undefined when it cannot run. */
function output(cmd, args, env) {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch {
      resolve(undefined);
      return;
    }
    let text = '';
    child.stdout.on('data', (c) => (text += c));
    child.stderr.on('data', (c) => (text += c));
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => resolve(code === 0 ? text : undefined));
  });
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Compares dotted versions: negative when a < b. */
function compareVersions(a, b) {
  const pa = a.split(/[.+-]/).map(Number);
  const pb = b.split(/[.+-]/).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** A probe of a command: found + version (+ optional minimum), or why not. */
function commandProbe(cmd, args, pattern, { min, minLabel } = {}) {
  return async (env) => {
    const text = await output(cmd, args, env);
    if (text === undefined) return { ok: false, problem: `\`${cmd}\` not found on PATH` };
    const version = pattern.exec(text)?.[1];
    if (!version) return { ok: false, problem: `\`${[cmd, ...args].join(' ')}\` printed no version` };
    if (min && compareVersions(version, min) < 0)
      return { ok: false, version, problem: `${minLabel ?? `${cmd} ${min} or newer`} is required, found ${version}` };
    return { ok: true, version };
  };
}

/**
 * Every prerequisite: `needs` (which of unit/start/test need it), `why`, `probe(env)` and the
 * Debian `package` that provides it (none: apt cannot fix it; `fix` says what does).
 */
export const PREREQUISITES = [
  {
    name: 'node',
    why: 'Node 20 runs everything (code-server 4.100.3 needs exactly Node 20)',
    needs: ['unit', ...START],
    package: undefined,
    fix: 'install Node 20 (https://nodejs.org/en/download, or NodeSource for Debian; Debian 12’s own nodejs is 18)',
    probe: async () => {
      const version = process.versions.node;
      return version.split('.')[0] === '20'
        ? { ok: true, version }
        : { ok: false, version, problem: `Node 20 is required, this is Node ${version}` };
    },
  },
  {
    name: 'java',
    why: 'runs the sandbox broker and Connect worker',
    needs: START,
    package: 'openjdk-17-jdk-headless',
    probe: commandProbe('java', ['-version'], /version "(\d+(?:\.\d+)*)/, { min: '17', minLabel: 'JDK 17 or newer' }),
  },
  {
    name: 'javac',
    why: 'builds the sandbox broker’s IAM check (sandbox/broker/iam-auth)',
    needs: START,
    package: 'openjdk-17-jdk-headless',
    probe: commandProbe('javac', ['-version'], /javac (\d+(?:\.\d+)*)/, { min: '17', minLabel: 'JDK 17 or newer' }),
  },
  {
    name: 'mvn',
    why: 'resolves the sandbox’s Kafka jars from Maven Central',
    needs: START,
    package: 'maven',
    probe: commandProbe('mvn', ['-v'], /Apache Maven (\d+(?:\.\d+)*)/, { min: '3.6.3' }),
  },
  {
    name: 'openssl',
    why: 'makes the sandbox certificates',
    needs: START,
    package: 'openssl',
    probe: commandProbe('openssl', ['version'], /OpenSSL (\d+\.\d+\.\d+)/, { min: '1.1.1' }),
  },
  {
    name: 'ca-certificates',
    why: 'HTTPS to Maven Central and the npm registry',
    needs: START,
    package: 'ca-certificates',
    probe: async () =>
      existsSync('/etc/ssl/certs/ca-certificates.crt')
        ? { ok: true, version: 'ok' }
        : { ok: false, problem: '/etc/ssl/certs/ca-certificates.crt is missing' },
  },
  {
    name: 'git',
    why: 'npm and code-server use it',
    needs: START,
    package: 'git',
    probe: commandProbe('git', ['--version'], /git version (\d+(?:\.\d+)*)/),
  },
  {
    name: 'rg',
    why: 'code-server’s search (/usr/bin/rg is packed in place of a GitHub download)',
    needs: START,
    package: 'ripgrep',
    probe: commandProbe('/usr/bin/rg', ['--version'], /ripgrep (\d+(?:\.\d+)*)/),
  },
  {
    name: 'make + g++',
    why: 'node-gyp builds code-server’s native modules',
    needs: START,
    package: 'build-essential',
    probe: async (env) => {
      const make = await commandProbe('make', ['--version'], /GNU Make (\d+(?:\.\d+)*)/)(env);
      if (!make.ok) return make;
      const gxx = await commandProbe('g++', ['--version'], /(\d+\.\d+\.\d+)\s*$/m)(env);
      return gxx.ok ? { ok: true, version: `${make.version} + ${gxx.version}` } : gxx;
    },
  },
  {
    name: 'python3',
    why: 'node-gyp',
    needs: START,
    package: 'python3',
    probe: commandProbe('python3', ['--version'], /Python (\d+(?:\.\d+)*)/),
  },
  {
    name: 'krb5 headers',
    why: 'code-server’s native `kerberos` module',
    needs: START,
    package: 'libkrb5-dev',
    probe: async (env) => {
      if (!existsSync('/usr/include/gssapi/gssapi_krb5.h'))
        return { ok: false, problem: '/usr/include/gssapi/gssapi_krb5.h is missing' };
      return commandProbe('krb5-config', ['--version'], /release (\d+(?:\.\d+)*)/)(env);
    },
  },
  {
    name: 'chromium',
    why: 'the browser the UI tests drive (MSK_CHROMIUM, default /usr/bin/chromium)',
    needs: TEST,
    package: 'chromium',
    probe: async (env) => {
      const custom = env.MSK_CHROMIUM;
      const file = custom || '/usr/bin/chromium';
      if (!isExecutable(file)) {
        return custom
          ? {
              ok: false,
              fixable: false,
              problem: `MSK_CHROMIUM=${custom} is not an executable file`,
              fix: 'point MSK_CHROMIUM at a chromium, or unset it to use /usr/bin/chromium (Debian package chromium)',
            }
          : { ok: false, problem: '/usr/bin/chromium not found' };
      }
      const text = await output(file, ['--version'], env);
      const version = text && /(\d+\.\d+\.\d+\.\d+)/.exec(text)?.[1];
      return version
        ? { ok: true, version }
        : { ok: false, fixable: !custom, problem: `\`${file} --version\` did not run` };
    },
  },
  {
    name: 'sshd',
    why: 'the real OpenSSH server the SSH tunnel tests start on loopback (with ssh-keygen, ssh-agent)',
    needs: TEST,
    package: 'openssh-server',
    probe: commandProbe('/usr/sbin/sshd', ['-V'], /OpenSSH_(\d+\.\d+)/),
  },
  {
    name: 'kcat',
    why: 'the Kafka CLI the integration tests check the listeners with',
    needs: TEST,
    package: 'kcat',
    probe: commandProbe('kcat', ['-V'], /Version (\d+(?:\.\d+)*)/),
  },
];

export function prerequisitesFor(need) {
  return PREREQUISITES.filter((p) => p.needs.includes(need));
}

export function packagesFor(need) {
  return [...new Set(prerequisitesFor(need).flatMap((p) => (p.package ? [p.package] : [])))];
}

export async function probeAll(need, env = process.env) {
  return Promise.all(prerequisitesFor(need).map(async (p) => ({ ...p, result: await p.probe(env) })));
}

function isDebianLike() {
  try {
    const osRelease = readFileSync('/etc/os-release', 'utf8');
    const ids = `${/^ID=(.*)$/m.exec(osRelease)?.[1] ?? ''} ${/^ID_LIKE=(.*)$/m.exec(osRelease)?.[1] ?? ''}`;
    return /\b(debian|ubuntu)\b/.test(ids) && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  } catch {
    return false;
  }
}

/** How apt-get may run here: as root, through passwordless sudo, or not at all (with the reason). */
function installer(env) {
  if (env.MSK_PREFLIGHT === 'check') return { reason: 'MSK_PREFLIGHT=check: nothing is installed' };
  if (!isDebianLike()) return { reason: 'not a Debian/Ubuntu machine with apt-get' };
  if (process.getuid?.() === 0) return { prefix: [] };
  if (spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return { prefix: ['sudo', '-n'] };
  return { reason: 'not root, and no passwordless sudo' };
}

function installCommand(packages, asRoot) {
  const sudo = asRoot ? '' : 'sudo ';
  return `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

function describe(p) {
  return p.result.version ? `${p.name} ${p.result.version}` : p.name;
}

function apt(prefix, args) {
  const [cmd, ...rest] = [...prefix, 'apt-get', ...args];
  const r = spawnSync(cmd, rest, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return r.status ?? 1;
}

/**
 * Checks the prerequisites of `need`, installing what apt-get can when allowed. Returns the exit
 * code (0: everything present). Writes its lines through `log` / `fail`.
 */
export async function preflight(
  need,
  { env = process.env, log = (l) => console.log(l), fail = (l) => console.error(l) } = {},
) {
  if (!NEEDS.includes(need)) throw new Error(`unknown need "${need}" (expected one of: ${NEEDS.join(', ')})`);
  let checked = await probeAll(need, env);
  let missing = checked.filter((p) => !p.result.ok);
  const canInstall = installer(env);
  const manual = missing.filter((p) => !p.package || p.result.fixable === false);
  if (missing.length && manual.length === 0 && canInstall.prefix) {
    const packages = [...new Set(missing.map((p) => p.package))];
    log(`preflight (${need}): installing with apt-get: ${packages.join(' ')}`);
    for (const p of missing) log(`  ${p.package.padEnd(24)} for ${p.name}: ${p.why} (${p.result.problem})`);
    let code = apt(canInstall.prefix, ['update', '-q']);
    if (code === 0) code = apt(canInstall.prefix, ['install', '-y', '-q', '--no-install-recommends', ...packages]);
    if (code !== 0) fail(`preflight (${need}): apt-get failed (exit ${code})`);
    checked = await probeAll(need, env);
    missing = checked.filter((p) => !p.result.ok);
  }
  if (missing.length === 0) {
    log(`preflight (${need}): ${checked.map(describe).join(', ')}`);
    return 0;
  }
  const aptPackages = [
    ...new Set(missing.filter((p) => p.package && p.result.fixable !== false).map((p) => p.package)),
  ];
  fail(`preflight (${need}): ${missing.length} prerequisite(s) missing; nothing was started.`);
  for (const p of missing) {
    const remedy = p.result.fix ?? p.fix ?? `Debian package ${p.package}`;
    fail(`  ${p.name}: ${p.result.problem} — ${p.why}; ${remedy}`);
  }
  if (aptPackages.length) {
    fail(`Install ${aptPackages.length === 1 ? 'it' : 'them'} with:`);
    fail(`  ${installCommand(aptPackages, process.getuid?.() === 0)}`);
  }
  if (canInstall.reason) fail(`(not installed automatically: ${canInstall.reason})`);
  return 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const listPackages = args.includes('--packages');
  const need = args.find((a) => !a.startsWith('--')) ?? 'test';
  if (!NEEDS.includes(need)) {
    console.error(`usage: node scripts/preflight.mjs [--packages] ${NEEDS.join('|')}`);
    process.exit(2);
  }
  if (listPackages) {
    console.log(packagesFor(need).join(' '));
  } else {
    process.exit(await preflight(need));
  }
}
