/**
 * SSH tunnel settings as a person writes them: every mistake is named (a bad port, a missing user,
 * a key file and the agent at once, a typo'd field), a good setting becomes the Kafka layer's tunnel
 * config with the defaults filled in, and a connection with a bad tunnel fails with the message and
 * where to fix it instead of connecting without the tunnel.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ClusterRef } from '../../../src/services/clusterModel';
import { ConnectionResolver } from '../../../src/services/connectionResolver';
import { parseMskSettings, type SettingKey } from '../../../src/services/settingsModel';
import {
  checkSshTunnel,
  clusterTunnelSetting,
  connectionTunnelPassphraseKey,
  TUNNEL_FIELDS,
  tunnelSpec,
  type TunnelCheck,
  type TunnelPassphraseRequest,
} from '../../../src/services/tunnelSettings';
import { isUserError } from '../../../src/shared/errors';
import { silentLogger } from '../../../src/shared/logger';
import { presentError } from '../../../src/shared/errorPresentation';

const FINGERPRINT = 'SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s';

function problems(check: TunnelCheck): string[] {
  assert.equal(check.ok, false, 'the setting is refused');
  return check.ok ? [] : check.problems;
}

describe('SSH tunnel settings', () => {
  it('fills in port 22 and ~/.ssh/known_hosts for a key-file tunnel', () => {
    const check = checkSshTunnel({
      host: ' bastion.example.com ',
      user: 'ec2-user',
      privateKeyFile: '~/.ssh/id_ed25519',
    });
    assert.deepEqual(check, {
      ok: true,
      tunnel: {
        host: 'bastion.example.com',
        port: 22,
        username: 'ec2-user',
        auth: { kind: 'keyFile', privateKeyPath: '~/.ssh/id_ed25519' },
        hostKey: { kind: 'knownHosts', file: '~/.ssh/known_hosts' },
      },
    });
  });

  it('takes the agent and a pinned fingerprint pasted without the prefix or with padding', () => {
    const bare = FINGERPRINT.slice('SHA256:'.length);
    for (const pasted of [bare, `${FINGERPRINT}=`, ` sha256:${bare} `]) {
      const check = checkSshTunnel({
        host: '10.0.0.5',
        port: 2222,
        user: 'ops',
        useAgent: true,
        hostKeyFingerprint: pasted,
      });
      assert.ok(check.ok, JSON.stringify(check));
      assert.deepEqual(check.tunnel.auth, { kind: 'agent' });
      assert.deepEqual(check.tunnel.hostKey, { kind: 'fingerprint', sha256: FINGERPRINT });
      assert.equal(check.tunnel.port, 2222);
    }
  });

  it('refuses a port that is not a port number', () => {
    for (const port of [0, 65536, 22.5, '22', -1, null]) {
      const list = problems(checkSshTunnel({ host: 'b', user: 'u', privateKeyFile: 'k', port }));
      assert.equal(list.length, 1, JSON.stringify(list));
      assert.match(list[0], /^port .* is not a port number \(a whole number from 1 to 65535\)$/);
    }
  });

  it('refuses a missing user and a missing host', () => {
    assert.deepEqual(problems(checkSshTunnel({ host: 'b', privateKeyFile: 'k' })), ['user is missing']);
    assert.deepEqual(problems(checkSshTunnel({ host: 'b', user: '  ', privateKeyFile: 'k' })), ['user is missing']);
    assert.deepEqual(problems(checkSshTunnel({ user: 'u', privateKeyFile: 'k' })), ['host is missing']);
  });

  it('refuses both a key file and the agent, and neither', () => {
    assert.deepEqual(problems(checkSshTunnel({ host: 'b', user: 'u', privateKeyFile: 'k', useAgent: true })), [
      'set either privateKeyFile or useAgent, not both',
    ]);
    assert.deepEqual(problems(checkSshTunnel({ host: 'b', user: 'u' })), [
      'set privateKeyFile (a private key file) or "useAgent": true',
    ]);
    assert.deepEqual(problems(checkSshTunnel({ host: 'b', user: 'u', useAgent: false })), [
      'set privateKeyFile (a private key file) or "useAgent": true',
    ]);
  });

  it('refuses a known_hosts file and a fingerprint at once, and a fingerprint that is not SHA256', () => {
    assert.deepEqual(
      problems(
        checkSshTunnel({
          host: 'b',
          user: 'u',
          useAgent: true,
          knownHostsFile: '~/kh',
          hostKeyFingerprint: FINGERPRINT,
        }),
      ),
      ['set either knownHostsFile or hostKeyFingerprint, not both'],
    );
    const md5 = '16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48';
    const [only] = problems(checkSshTunnel({ host: 'b', user: 'u', useAgent: true, hostKeyFingerprint: md5 }));
    assert.match(only, /^hostKeyFingerprint "16:27.*" is not a SHA256 fingerprint/);
  });

  it('names every problem at once, and suggests the field a typo meant', () => {
    const list = problems(
      checkSshTunnel({ host: 'ops@bastion', username: 'ops', identityFile: '~/.ssh/id', port: 'x' }),
    );
    assert.deepEqual(list, [
      '“username” is not a tunnel setting (did you mean “user”?)',
      '“identityFile” is not a tunnel setting (did you mean “privateKeyFile”?)',
      'host “ops@bastion” must be a host name or address only (user and port go in “user” and “port”)',
      'port "x" is not a port number (a whole number from 1 to 65535)',
      'user is missing',
      'set privateKeyFile (a private key file) or "useAgent": true',
    ]);
    assert.deepEqual(problems(checkSshTunnel('ops@bastion')), [
      'it must be an object with host, user and privateKeyFile or useAgent',
    ]);
  });

  it('finds an MSK cluster’s tunnel by name first, then by ARN', () => {
    const arn = 'arn:aws:kafka:us-east-1:123456789012:cluster/orders/abc';
    const tunnels = { orders: { host: 'by-name' }, [arn]: { host: 'by-arn' }, other: {} };
    assert.deepEqual(clusterTunnelSetting(tunnels, 'orders', arn), { key: 'orders', raw: { host: 'by-name' } });
    assert.deepEqual(clusterTunnelSetting({ [arn]: 1 }, 'orders', arn), { key: arn, raw: 1 });
    assert.equal(clusterTunnelSetting(tunnels, 'payments', 'arn:other'), undefined);
    assert.equal(clusterTunnelSetting({}, 'toString', undefined), undefined);
  });

  it('hands the tunnel only SSH_AUTH_SOCK and HOME, and a passphrase only for key files', async () => {
    const asked: TunnelPassphraseRequest[] = [];
    const deps = {
      env: { SSH_AUTH_SOCK: '/tmp/agent.sock', HOME: '/home/dev', AWS_SECRET_ACCESS_KEY: 'never' },
      passphrase: (r: TunnelPassphraseRequest) => {
        asked.push(r);
        return Promise.resolve('pw');
      },
    };
    const who = { label: 'orders-dev', where: 'w', secretKey: 'secret-key' };
    const keyed = tunnelSpec({ host: 'b', port: 2200, user: 'u', privateKeyFile: '~/.ssh/k' }, who, deps);
    assert.ok(keyed.ok);
    assert.deepEqual(keyed.tunnel.env, { SSH_AUTH_SOCK: '/tmp/agent.sock', HOME: '/home/dev' });
    assert.equal(await keyed.tunnel.passphrase?.(), 'pw');
    assert.deepEqual(
      asked.map(({ secretKey, label, keyFile, bastion }) => ({ secretKey, label, keyFile, bastion })),
      [{ secretKey: 'secret-key', label: 'orders-dev', keyFile: '~/.ssh/k', bastion: 'u@b:2200' }],
    );
    const agent = tunnelSpec({ host: 'b', user: 'u', useAgent: true }, who, deps);
    assert.ok(agent.ok);
    assert.equal(agent.tunnel.passphrase, undefined);
  });
});

describe('SSH tunnel settings in package.json and the settings model', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, Record<string, unknown>> } };
  };
  const props = manifest.contributes.configuration.properties;

  it('describes the same tunnel object for MSK clusters and manual connections, with the fields the model reads', () => {
    const cluster = props['msk.sshTunnels'].additionalProperties as { properties: Record<string, unknown> };
    const items = props['msk.connections'].items as { properties: { sshTunnel: unknown } };
    assert.deepEqual(items.properties.sshTunnel, cluster);
    assert.deepEqual(Object.keys(cluster.properties).sort(), [...TUNNEL_FIELDS].sort());
  });

  it('reads msk.sshTunnels as an object and keeps a connection’s sshTunnel as written', () => {
    const values: Partial<Record<SettingKey, unknown>> = {
      'msk.sshTunnels': { orders: { host: 'b' } },
      'msk.connections': [
        { id: 'a', name: 'A', bootstrapServers: 'k:9092', auth: 'plaintext', sshTunnel: { host: 'b', user: 'u' } },
      ],
    };
    const s = parseMskSettings((key) => values[key]);
    assert.deepEqual(s.sshTunnels, { orders: { host: 'b' } });
    assert.deepEqual(s.connections[0].sshTunnel, { host: 'b', user: 'u' });
    assert.deepEqual(parseMskSettings((key) => (key === 'msk.sshTunnels' ? ['x'] : undefined)).sshTunnels, {});
  });
});

describe('a manual connection with an SSH tunnel', () => {
  const cluster: ClusterRef = { key: 'manual:c1', name: 'orders-dev', source: 'manual' } as ClusterRef;
  function resolver(sshTunnel: unknown): ConnectionResolver {
    const settings = parseMskSettings((key) =>
      key === 'msk.connections'
        ? [{ id: 'c1', name: 'orders-dev', bootstrapServers: 'b-1.internal:9092', auth: 'plaintext', sshTunnel }]
        : undefined,
    );
    return new ConnectionResolver({
      settings: () => settings,
      secrets: { get: () => Promise.resolve(undefined) },
      log: silentLogger,
      env: { HOME: '/home/dev' },
      aws: () => assert.fail('no AWS for a plaintext connection'),
      pool: () => ({}) as never,
      target: () => ({}),
      tunnelPassphrase: () => Promise.resolve(undefined),
    });
  }

  it('puts the tunnel into the connection spec', async () => {
    const { kafka } = await resolver({ host: 'bastion', user: 'ops', privateKeyFile: '~/.ssh/k' }).resolveManual(
      cluster,
    );
    const tunnel = kafka.spec.tunnel;
    assert.ok(tunnel);
    assert.equal(tunnel.host, 'bastion');
    assert.deepEqual(tunnel.hostKey, { kind: 'knownHosts', file: '~/.ssh/known_hosts' });
    assert.equal(typeof tunnel.passphrase, 'function');
    assert.equal(connectionTunnelPassphraseKey('c1'), 'msk.connection.c1.sshPassphrase');
  });

  it('fails with what is wrong and where to fix it, instead of connecting without the tunnel', async () => {
    await assert.rejects(
      resolver({ host: 'bastion', port: 0, privateKeyFile: 'k', useAgent: true }).resolveManual(cluster),
      (err) => {
        assert.ok(isUserError(err));
        const shown = presentError(err);
        assert.equal(
          shown.message,
          'The SSH tunnel settings of orders-dev are not valid: port 0 is not a port number (a whole number from 1 to 65535); user is missing; set either privateKeyFile or useAgent, not both.',
        );
        assert.equal(
          shown.hint,
          'Fix msk.connections › "orders-dev" › sshTunnel in your settings (settings.json), then refresh.',
        );
        assert.deepEqual(
          shown.actions.map((a) => [a.command, a.args]),
          [['workbench.action.openSettings', ['msk.connections']]],
        );
        return true;
      },
    );
  });
});
