import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ExportFormat } from '../../../src/services/exports/model';
import { chooseExportTarget } from '../../../src/services/exports/target';

/** Answers like a person would, recording what was asked. */
function person(answers: { saved?: string; format?: ExportFormat; existing?: string[]; replace?: boolean }) {
  const asked: string[] = [];
  return {
    asked,
    questions: {
      save: () => Promise.resolve(answers.saved),
      pickFormat: (name: string) => {
        asked.push(`format of ${name}`);
        return Promise.resolve(answers.format);
      },
      exists: (path: string) => Promise.resolve((answers.existing ?? []).includes(path)),
      confirmReplace: (path: string) => {
        asked.push(`replace ${path}`);
        return Promise.resolve(answers.replace ?? false);
      },
    },
  };
}

describe('where an export is written', () => {
  test('a name with .json or .csv is written as chosen: the save dialog already asked about replacing it', async () => {
    const p = person({ saved: '/w/topics.CSV', existing: ['/w/topics.CSV'] });
    assert.deepEqual(await chooseExportTarget(p.questions), { path: '/w/topics.CSV', format: 'csv' });
    assert.deepEqual(p.asked, []);
  });

  test('a name without an extension gets the format asked for, and its extension', async () => {
    const p = person({ saved: '/w/topics', format: 'json' });
    assert.deepEqual(await chooseExportTarget(p.questions), { path: '/w/topics.json', format: 'json' });
    assert.deepEqual(p.asked, ['format of topics']);
  });

  test('an existing file that name now points to is replaced only when the person agrees', async () => {
    const declined = person({ saved: '/w/topics', format: 'csv', existing: ['/w/topics.csv'] });
    assert.equal(await chooseExportTarget(declined.questions), undefined);
    assert.deepEqual(declined.asked, ['format of topics', 'replace /w/topics.csv']);

    const agreed = person({ saved: '/w/topics', format: 'csv', existing: ['/w/topics.csv'], replace: true });
    assert.deepEqual(await chooseExportTarget(agreed.questions), { path: '/w/topics.csv', format: 'csv' });
  });

  test('cancelling the dialog or the format writes nothing', async () => {
    assert.equal(await chooseExportTarget(person({}).questions), undefined);
    assert.equal(await chooseExportTarget(person({ saved: '/w/topics' }).questions), undefined);
  });
});
