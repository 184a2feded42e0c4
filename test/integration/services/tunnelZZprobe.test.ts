import { it } from 'node:test';
import { ProduceEngine } from '../../../src/kafka/produce/index';
import { TailSession } from '../../../src/kafka/tail';
import { MskBackend } from '../../../src/services/mskBackend';
import { parseMskSettings } from '../../../src/services/settingsModel';
import { silentLogger } from '../../../src/shared/logger';
import { Cleanup, sandbox } from '../support/sandbox';
import { FAST_TUNNEL, Keys } from '../tunnel/fixture';
import { currentUser, freePort, Sshd } from '../tunnel/sshd';

it('probe', async () => {
  const keys = new Keys();
  const cleanup = new Cleanup();
  const port = await freePort();
  let sshd = await Sshd.start({ port, hostKey: keys.hostA, authorized: [keys.user] });
  const kh = keys.knownHosts('kh', port, keys.hostA);
  const raw = [{ id: 'k', name: 'k', bootstrapServers: sandbox().listeners.plaintext, auth: 'plaintext',
    sshTunnel: { host: '127.0.0.1', port, user: currentUser(), privateKeyFile: keys.user.file, knownHostsFile: kh } }];
  const settings = parseMskSettings((key) => (key === 'msk.connections' ? raw : undefined));
  const backend = new MskBackend({ settings: () => settings, secrets: { get: () => Promise.resolve(undefined) }, log: silentLogger, userAgent: 'x', env: {}, tunnelOptions: FAST_TUNNEL });
  const topic = await cleanup.createTopic('tunnel-probe', 1);
  const ref = backend.manualClusters()[0];
  await backend.ops(ref).topics();
  const { pool, spec } = await backend.kafka(ref);
  const withTail = process.env.PROBE_TAIL === '1';
  const tail = withTail ? await TailSession.start({ pool, spec, topic, start: { kind: 'newest' }, bufferSize: 10 }) : undefined;
  const engine = new ProduceEngine();
  await engine.produce({ pool, spec }, topic, [{ key: null, value: 'x', headers: [] }], { acks: -1, compression: 'none', idempotent: true });
  await sshd.stop();
  await new Promise((r) => setTimeout(r, 3000));
  let t = Date.now();
  const step = (n: string) => { console.log(n, Date.now() - t); t = Date.now(); };
  await tail?.stop(); step('tail.stop');
  await engine.dispose(); step('engine.dispose');
  await backend.dispose(); step('backend.dispose');
  await cleanup.run(); step('cleanup');
  keys.remove();
  setTimeout(() => {
    const h = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
    console.log('handles', h.map((x) => (x as object).constructor?.name));
    const r = (process as unknown as { getActiveResourcesInfo(): string[] }).getActiveResourcesInfo();
    console.log('resources', r);
  }, 5000).unref();
  void sshd;
});
