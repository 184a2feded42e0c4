/**
 * Entry point of the sandbox control plane:
 *   node --import tsx sandbox/controlplane/main.ts --state /abs/path/.sandbox/sandbox.json [--port N]
 * Listens on the host/port of `controlPlaneEndpoint` in sandbox.json (or --port), logs to stdout,
 * and answers an unsigned `GET /_sandbox/health` with 200 once it is listening.
 */
import { resolve } from 'node:path';
import { openBlackHole } from './blackHole';
import { LiveSandbox } from './live';
import { mskConfigurationStore } from './mskConfigurationStore';
import { seedTopicsWhenReady } from './schemaSeedRecords';
import { createControlPlaneServer, HEALTH_PATH } from './server';

interface Args {
  state: string;
  port?: number;
  host?: string;
}

function parseArgs(argv: string[]): Args {
  let state: string | undefined;
  let port: number | undefined;
  let host: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--state') state = next();
    else if (a === '--port') port = Number(next());
    else if (a === '--host') host = next();
    else if (a?.startsWith('--state=')) state = a.slice('--state='.length);
    else if (a?.startsWith('--port=')) port = Number(a.slice('--port='.length));
    else throw new Error(`unknown argument: ${a}`);
  }
  if (!state) throw new Error('usage: main.ts --state <path of .sandbox/sandbox.json> [--port N] [--host H]');
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new Error('bad --port');
  return { state: resolve(state), ...(port !== undefined ? { port } : {}), ...(host ? { host } : {}) };
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  }
  // The sandbox-private cluster's brokers: a loopback port that accepts and never answers.
  const blackHole = await openBlackHole();
  const live = new LiveSandbox(args.state, { privateBrokers: blackHole.address });
  const state = live.state();
  const endpoint = new URL(state.controlPlaneEndpoint);
  const host = args.host ?? endpoint.hostname.replace(/^\[|\]$/g, '');
  const port = args.port ?? Number(endpoint.port || 80);

  const server = createControlPlaneServer({ getView: () => live.view() });
  server.on('error', (err) => {
    console.error(`control plane: cannot listen on ${host}:${port}: ${err.message}`);
    process.exit(1);
  });
  server.listen(port, host, () => {
    const addr = server.address();
    const actual = addr && typeof addr === 'object' ? addr.port : port;
    console.log(
      `${new Date().toISOString()} control plane listening on http://${host}:${actual} (health: ${HEALTH_PATH}; state: ${args.state})`,
    );
    // MSK cluster configurations: the seeded ones put back if missing (kept in <stateDir>/msk).
    mskConfigurationStore(state, live.epoch);
    // Schema registries (Glue, Confluent) and their topics: seeded once the broker answers.
    void seedTopicsWhenReady(state, (line) => console.log(line));
  });
  const stop = (signal: string): void => {
    console.log(`${new Date().toISOString()} control plane stopping (${signal})`);
    void blackHole.close();
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
