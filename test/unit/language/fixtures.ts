/** Sample producer files for the language tests (good and broken). */
export const GOOD = [
  '# orders for the demo',
  'PRODUCE orders',
  'Key: order-{{seq}}',
  'Content-Type: application/json',
  'Repeat: 3',
  '',
  '{"id": "{{uuid}}", "n": {{seq}}, "name": "{{faker.person.firstName}}"}',
  '',
  '### a fixed partition',
  'PRODUCE payments',
  'Partition: 2',
  'X-Source: file',
  '',
  'plain text value',
  '',
].join('\n');

export const BROKEN = [
  '### no topic here',
  'Key: k',
  '',
  '{"a": 1}',
  '### bad json and bad template',
  'PRODUCE orders',
  'Partition: two',
  '',
  '{"a": {{nope}}, }',
  '### unknown topic',
  'PRODUCE ghosts',
  '',
  'x',
].join('\n');
