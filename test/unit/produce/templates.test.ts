import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { renderDrafts } from '../../../src/kafka/produce/render';
import type { ProduceBytes } from '../../../src/kafka/produce/types';
import { FAKER_FUNCTIONS, renderTemplate, TemplateError } from '../../../src/shared/templates/index';

/** A rendered text field: text drafts render to strings. */
function text(v: ProduceBytes | null): string {
  assert.equal(typeof v, 'string');
  return v as string;
}

describe('templates', () => {
  it('renders uuid, seq, index, now and randomInt per message', async () => {
    const msgs = await renderDrafts(
      [
        {
          key: 'k-{{seq}}',
          value: '{"i":{{index}},"id":"{{uuid}}","r":{{randomInt(5,5)}}}',
          headers: [{ key: 'at', value: '{{nowMs}}' }],
        },
      ],
      3,
    );
    assert.deepEqual(
      msgs.map((m) => m.key),
      ['k-1', 'k-2', 'k-3'],
    );
    const values = msgs.map((m) => JSON.parse(text(m.value)) as { i: number; id: string; r: number });
    assert.deepEqual(
      values.map((v) => v.i),
      [0, 1, 2],
    );
    assert.equal(new Set(values.map((v) => v.id)).size, 3);
    assert.ok(values.every((v) => v.r === 5));
    assert.match(text(msgs[0].headers[0].value), /^\d{13}$/);
  });

  it('renders faker functions', async () => {
    const [m] = await renderDrafts([
      { key: null, value: '{{faker.person.firstName}} {{faker.string.uuid}}', headers: [] },
    ]);
    assert.match(text(m.value), /^\S+ [0-9a-f-]{36}$/);
  });

  it('sends Buffer (base64) fields as they are, rendering templates only in text fields', async () => {
    const bytes = Buffer.from('{{seq}}\u00ff', 'latin1');
    const msgs = await renderDrafts(
      [
        {
          key: 'k-{{seq}}',
          value: bytes,
          headers: [
            { key: 'bin', value: bytes },
            { key: 't', value: '{{seq}}' },
          ],
        },
      ],
      2,
    );
    assert.deepEqual(
      msgs.map((m) => [m.key, m.value, m.headers[0].value, m.headers[1].value]),
      [
        ['k-1', bytes, bytes, '1'],
        ['k-2', bytes, bytes, '2'],
      ],
    );
    const [plain] = await renderDrafts([{ key: null, value: bytes, headers: [] }]);
    assert.equal(plain.value, bytes);
  });

  it('refuses unknown functions by name', () => {
    assert.throws(
      () => renderTemplate('{{nope}}', { index: 0, now: new Date() }),
      (e: unknown) => e instanceof TemplateError && /\{\{nope\}\}/.test(e.message),
    );
  });

  it('leaves text without templates untouched', () => {
    assert.equal(
      renderTemplate('{"a": "{not a template}"}', { index: 0, now: new Date() }),
      '{"a": "{not a template}"}',
    );
  });

  it('lists only faker functions that exist in the installed faker', async () => {
    const { faker } = await import('@faker-js/faker/locale/en');
    const f = faker as unknown as Record<string, Record<string, unknown>>;
    for (const name of FAKER_FUNCTIONS) {
      const [mod, fn] = name.split('.');
      assert.equal(typeof f[mod]?.[fn], 'function', name);
    }
    assert.ok(FAKER_FUNCTIONS.includes('person.firstName'));
  });
});
