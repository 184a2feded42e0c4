/**
 * `npm run sandbox -- reset` and MSK configurations: one a crashed test run left (`it-config-…`) is
 * found and deleted through the control plane's API; the seeded ones are never among the leftovers.
 * Only this test's own configuration is deleted (other test files may be using theirs right now).
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  CreateConfigurationCommand,
  DescribeConfigurationCommand,
  KafkaClient,
  ListConfigurationsCommand,
} from '@aws-sdk/client-kafka';
import { leftoverKind } from '../../../sandbox/lifecycle/reset';
import {
  deleteConfigurationLeftovers,
  findConfigurationLeftovers,
} from '../../../sandbox/lifecycle/resetMskConfigurations';
import { sandbox, uniqueName } from '../support/sandbox';

const state = sandbox();
const name = uniqueName('it-config');

function kafka(): KafkaClient {
  const p = state.principals.admin;
  return new KafkaClient({
    endpoint: state.controlPlaneEndpoint,
    region: state.region,
    credentials: { accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey },
    maxAttempts: 1,
  });
}

let arn: string | undefined;
after(async () => {
  // What a failed assertion left: this test's own configuration only.
  if (arn) await deleteConfigurationLeftovers(state, [{ arn, name }]);
});

describe('sandbox reset: MSK configuration leftovers', () => {
  test('finds and deletes a test-named configuration; keeps the seeded ones', async () => {
    const client = kafka();
    try {
      const made = await client.send(
        new CreateConfigurationCommand({
          Name: name,
          KafkaVersions: ['3.9.x'],
          ServerProperties: new TextEncoder().encode('log.retention.hours=1\n'),
        }),
      );
      arn = made.Arn;
      assert.ok(arn);

      const found = await findConfigurationLeftovers(state, (n) => leftoverKind(n) !== undefined);
      assert.deepEqual(
        found.filter((c) => c.name === name),
        [{ arn, name }],
      );
      const all = (await client.send(new ListConfigurationsCommand({}))).Configurations ?? [];
      const seeded = all.map((c) => c.Name ?? '').filter((n) => ['msk-sandbox-config', 'long-retention'].includes(n));
      assert.equal(seeded.length, 2, `the seeded configurations are listed: ${JSON.stringify(all.map((c) => c.Name))}`);
      for (const s of seeded) assert.ok(!found.some((c) => c.name === s), `${s} is seeded, not a leftover`);

      // Delete only this test's configuration (other tests may be using theirs right now).
      assert.deepEqual(await deleteConfigurationLeftovers(state, [{ arn, name }]), []);
      const deletedArn = arn;
      arn = undefined;
      const left = await findConfigurationLeftovers(state, (n) => leftoverKind(n) !== undefined);
      assert.ok(!left.some((c) => c.name === name), JSON.stringify(left));
      await assert.rejects(
        client.send(new DescribeConfigurationCommand({ Arn: deletedArn })),
        (e: Error) => e.name === 'NotFoundException',
      );
    } finally {
      client.destroy();
    }
  });
});
