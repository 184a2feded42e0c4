/**
 * The sandbox start's wait for a broker with a large state: what the broker's log says it does, and a
 * wait that goes on while there is progress and ends when there is none.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeBrokerLog } from '../../../sandbox/lifecycle/brokerProgress';
import { PartFailed, waitFor } from '../../../sandbox/lifecycle/probes';

const completed = (n: number, of: number) =>
  `[2026-12-02 01:08:51,098] INFO Completed load of Log(dir=/x/scale-t-01118-0, topic=scale-t-01118, partition=0) with 1 segments in 2ms (${n}/${of} completed in /x/kraft-combined-logs) (kafka.log.LogManager)`;

describe('describeBrokerLog', () => {
  test('names the partitions loaded so far, then the end of the loading', () => {
    assert.equal(describeBrokerLog('INFO Loading logs from log dirs ArrayBuffer(/x)'), 'loading partitions');
    assert.equal(
      describeBrokerLog([completed(66, 5018), completed(2588, 5018)].join('\n')),
      'loading partitions: 2,588 of 5,018',
    );
    assert.equal(
      describeBrokerLog([completed(5018, 5018), 'INFO Loaded 5018 logs in 42534ms (kafka.log.LogManager)'].join('\n')),
      'loaded 5,018 partitions in 43 s, finishing the start',
    );
    assert.equal(describeBrokerLog('INFO Registered kafka:type=kafka.Log4jController MBean'), undefined);
  });
});

describe('waitFor with progress', () => {
  test('keeps waiting past the timeout while the progress token changes', async () => {
    let round = 0;
    const reports: string[] = [];
    await waitFor('broker', () => Promise.resolve(++round >= 20), 50, {
      intervalMs: 20,
      progress: () => ({ token: String(round), text: `round ${round}` }),
      hardCapMs: 60_000,
      onWaiting: (text) => reports.push(text),
      reportEveryMs: 0,
    });
    assert.equal(round, 20);
    assert.ok(reports.includes('round 10'), `says what it waits for: ${reports.join(', ')}`);
  });

  test('fails when the token stops changing, saying what it last saw', async () => {
    let round = 0;
    await assert.rejects(
      waitFor('broker', () => Promise.resolve(++round >= 1000), 50, {
        intervalMs: 20,
        progress: () => ({ token: 'same', text: 'loading partitions: 7 of 9' }),
        hardCapMs: 60_000,
      }),
      (err: unknown) =>
        err instanceof PartFailed &&
        /^broker: not ready after \d+s, no progress for 0s \(loading partitions: 7 of 9\)$/.test(err.message),
    );
    assert.ok(round < 1000, 'it stopped before the check could pass');
  });
});
