import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exportFileName } from '../../../src/shared/exportName';
import { topicsDetail } from '../../../src/webviews/clusterOverview/wording';
import { gridColumns } from '../../../src/webviews/tail/layout';
import { formatTimestamp } from '../../../src/webviews/tail/time';

describe('tail table text', () => {
  const at = Date.UTC(2026, 11, 2, 1, 41, 21, 123);

  test('UTC timestamps are marked Z; local ones carry their offset', () => {
    assert.equal(formatTimestamp(at, 'utc'), '2026-12-02 01:41:21.123Z');
    assert.equal(formatTimestamp(at, 'local', 60), '2026-12-02 02:41:21.123 +01:00');
    assert.equal(formatTimestamp(at, 'local', -330), '2026-12-01 20:11:21.123 -05:30');
    assert.match(formatTimestamp(at, 'local'), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} [+-]\d\d:\d\d$/);
  });

  test('column widths become grid columns; the Value column takes what is left until resized', () => {
    assert.equal(gridColumns([84, 90, 0]), '84px 90px minmax(8em, 1fr)');
  });

  test('an export is named after the topic and the time (never a bare name at the filesystem root)', () => {
    const local = new Date(2026, 11, 2, 3, 4, 5);
    assert.equal(exportFileName('orders', local, 'ndjson'), 'orders-2026-12-02T03-04-05.ndjson');
    assert.equal(exportFileName('a/b c', local, 'ndjson'), 'a_b_c-2026-12-02T03-04-05.ndjson');
  });

  test('the overview says whether the topic count includes internal topics', () => {
    assert.equal(topicsDetail(19, 1), 'not counting 1 internal topic (19 in all)');
    assert.equal(topicsDetail(20, 2), 'not counting 2 internal topics (20 in all)');
    assert.equal(topicsDetail(5, 0), 'no internal topics');
  });
});
