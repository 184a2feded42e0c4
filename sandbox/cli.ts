/**
 * The local MSK sandbox: `npm run sandbox [-- command [part] [flags]]`.
 *
 *   start (default)      start whatever is not running, wait until every part is ready
 *   stop                 stop control plane, Connect worker and broker
 *   status [--quiet]     exit 0 iff every part is up (--quiet prints nothing)
 *   restart [part]       restart everything, or one part: broker | connect | controlplane
 *   reset [--dry-run]    delete the topics and groups tests and benchmarks left (scale-t-*, bench-*, …)
 *
 * See sandbox/README.md for the flags, ports and the sandbox.json it writes.
 */
import { parseArgs } from 'node:util';
import { PARTS, type PartName } from './lifecycle/process';
import { reset, restart, start, stop } from './lifecycle/sandbox';
import { status } from './lifecycle/status';
import {
  DEFAULT_IAM_SESSION_SECONDS,
  DEFAULT_KAFKA_VERSION,
  DEFAULT_PORTS,
  PORT_OPTIONS,
  type Flags,
} from './lifecycle/settings';

const USAGE = `usage: npm run sandbox -- [start|stop|status|restart [broker|connect|controlplane]|reset] [flags]

  reset: deletes the topics and consumer groups tests and benchmarks leave behind (scale-t-*,
  bench-*, <prefix>-<time>-<random> names, Empty msk-explorer-tail-* groups); --dry-run lists them

flags (each also as an environment variable):
  --kafka-version V          MSK_SANDBOX_KAFKA_VERSION        (default ${DEFAULT_KAFKA_VERSION})
  --iam-session-seconds N    MSK_SANDBOX_IAM_SESSION_SECONDS  (default ${DEFAULT_IAM_SESSION_SECONDS})
${Object.entries(PORT_OPTIONS)
  .map(
    ([k, o]) =>
      `  --${`${o.flag} N`.padEnd(25)} ${o.env.padEnd(32)} (default ${DEFAULT_PORTS[k as keyof typeof DEFAULT_PORTS]})`,
  )
  .join('\n')}
  --quiet                    status: print nothing, only the exit code
  --dry-run                  reset: list, delete nothing (--json: as one JSON line)
state folder: MSK_SANDBOX_DIR (default <repo>/.sandbox)`;

async function main(argv: string[]): Promise<number> {
  const portFlags = Object.fromEntries(Object.values(PORT_OPTIONS).map((o) => [o.flag, { type: 'string' as const }]));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      'kafka-version': { type: 'string' },
      'iam-session-seconds': { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      ...portFlags,
    },
  });
  const flags = values as Flags;
  const [command = 'start', arg] = positionals;
  const quiet = values.quiet === true;
  const out = (line: string): void => {
    if (!quiet) console.log(line);
  };
  if (values.help || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  switch (command) {
    case 'start':
      return start(flags, out);
    case 'stop':
      return stop(flags, out);
    case 'status':
      return status(flags, out, quiet);
    case 'reset':
      return reset(flags, out, { dryRun: values['dry-run'] === true, json: values.json === true });
    case 'restart': {
      if (arg !== undefined && !PARTS.includes(arg as PartName)) {
        console.error(`unknown part "${arg}" (expected one of: ${PARTS.join(', ')})`);
        return 2;
      }
      return restart(flags, out, arg as PartName | undefined);
    }
    default:
      console.error(`unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
