/**
 * Activation stays light: dist/extension.js must not contain kafkajs or the AWS SDK. They live in
 * dist/kafka.js and dist/aws.js, which src/services/lazyModules.ts loads on first use.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { bundleInMemory } from '../../integration/support/bundle';

async function bundleInputs(entry: string): Promise<string[]> {
  const result = await bundleInMemory(entry);
  return Object.keys(result.metafile.inputs);
}

describe('bundles', () => {
  it('the extension entry bundles neither kafkajs, the MSK signer nor the AWS SDK', async () => {
    const inputs = await bundleInputs('src/extension.ts');
    const heavy = inputs.filter((p) => /node_modules\/(kafkajs|aws-msk-iam-sasl-signer-js|@aws-sdk|@smithy)\//.test(p));
    assert.deepEqual(heavy, []);
    assert.ok(
      inputs.some((p) => p.endsWith('src/services/mskBackend.ts')),
      'the backend itself is in the entry bundle',
    );
  });

  it('the kafka and aws bundles carry their libraries', async () => {
    const kafka = await bundleInputs('src/kafka/index.ts');
    assert.ok(kafka.some((p) => p.includes('node_modules/kafkajs/')));
    const aws = await bundleInputs('src/aws/index.ts');
    assert.ok(aws.some((p) => p.includes('node_modules/@aws-sdk/client-kafka/')));
    assert.ok(aws.some((p) => p.includes('node_modules/@aws-sdk/client-cloudwatch/')));
  });
});
