/** The error an AWS SDK call was refused with (fails the test when the call succeeds). */
import { strict as assert } from 'node:assert';

export type SdkError = Error & { $metadata?: { httpStatusCode?: number } };

export async function rejection(p: Promise<unknown>): Promise<SdkError> {
  try {
    await p;
  } catch (err) {
    return err as SdkError;
  }
  assert.fail('expected the call to be refused');
}
