/**
 * Which settings changes reach the explorer's connections: the settings of other features (lag,
 * tail, produce) must not reload the tree nor touch a Kafka client; the ones that shape connections
 * must.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { settingsImpact } from '../../../src/features/explorer/tree/settingsImpact';

/** What VS Code's `affectsConfiguration` answers when exactly `changed` (full keys) changed. */
function changed(...keys: string[]): (section: string) => boolean {
  return (section) => keys.some((k) => k === section || k.startsWith(`${section}.`) || section.startsWith(`${k}.`));
}

describe('settings impact on the explorer', () => {
  it('lag, tail and produce settings do not concern the explorer at all', () => {
    for (const key of [
      'msk.lag.refreshSeconds',
      'msk.lag.windowSamples',
      'msk.lag.notifications',
      'msk.tail.bufferSize',
      'msk.produce.idempotent',
      'msk.produce.historySize',
    ]) {
      assert.equal(settingsImpact(changed(key)), undefined, key);
    }
  });

  it('settings that shape a Kafka connection re-resolve connections', () => {
    for (const key of [
      'msk.tls.caFile',
      'msk.tls.clientCertFile',
      'msk.brokerAddressMap',
      'msk.sshTunnels',
      'msk.preferredAuth',
      'msk.preferPublicEndpoints',
      'msk.connections',
    ]) {
      const impact = settingsImpact(changed(key));
      assert.ok(impact, key);
      assert.equal(impact.connections, true, key);
      assert.equal(impact.awsScopes, false, `${key} does not re-read the AWS profiles`);
    }
    assert.equal(settingsImpact(changed('msk.connections'))?.manualConnections, true);
    assert.equal(settingsImpact(changed('msk.tls.caFile'))?.manualConnections, false);
  });

  it('AWS settings re-read the scopes and the connections', () => {
    for (const key of ['msk.aws.profile', 'msk.aws.regions', 'msk.aws.configFile', 'msk.aws.endpoint']) {
      const impact = settingsImpact(changed(key));
      assert.deepEqual(
        impact && { aws: impact.awsScopes, connections: impact.connections },
        { aws: true, connections: true },
        key,
      );
    }
  });

  it('display settings redraw or rebuild the lists without touching connections', () => {
    const readOnly = settingsImpact(changed('msk.readOnlyClusters'));
    assert.deepEqual(readOnly, {
      awsScopes: false,
      connections: false,
      manualConnections: false,
      lists: false,
      redraw: true,
    });
    const lists = settingsImpact(changed('msk.explorer.showInternalTopics'));
    assert.equal(lists?.lists, true);
    assert.equal(lists?.connections, false);
  });

  it('a change of several sections at once adds them up', () => {
    const impact = settingsImpact(changed('msk.lag.refreshSeconds', 'msk.tls.caFile'));
    assert.equal(impact?.connections, true);
    assert.equal(impact?.awsScopes, false);
  });
});
