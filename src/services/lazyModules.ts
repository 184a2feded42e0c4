/**
 * kafkajs and the AWS SDK are heavy: they are built into their own bundles (dist/kafka.js,
 * dist/aws.js) and loaded on first use, never at activation. Under tsx (plain-Node tests) the
 * same calls load the TypeScript sources.
 */
import { join } from 'node:path';
import type * as AwsModule from '../aws/index';
import type * as KafkaModule from '../kafka/index';

declare const MSK_BUNDLE: boolean | undefined;
const bundled = typeof MSK_BUNDLE !== 'undefined' && MSK_BUNDLE;

let kafka: typeof KafkaModule | undefined;
let aws: typeof AwsModule | undefined;

function load<T>(bundle: string, source: string): T {
  // A computed path: esbuild leaves it alone, so the heavy module stays out of extension.js.
  const path = bundled ? join(__dirname, `${bundle}.js`) : join(__dirname, source);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path) as T;
}

export function kafkaModule(): typeof KafkaModule {
  return (kafka ??= load<typeof KafkaModule>('kafka', '../kafka/index'));
}

export function awsModule(): typeof AwsModule {
  return (aws ??= load<typeof AwsModule>('aws', '../aws/index'));
}

/** Whether a heavy module has been loaded yet (for tests of lazy loading). */
export function loadedModules(): { kafka: boolean; aws: boolean } {
  return { kafka: kafka !== undefined, aws: aws !== undefined };
}
