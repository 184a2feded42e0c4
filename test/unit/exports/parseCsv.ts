import assert from 'node:assert/strict';

/** A strict RFC 4180 reader (CRLF records, quoted fields with doubled quotes), to read back what was written. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        assert.ok(q >= 0, 'unterminated quoted field');
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      const end = text.slice(i).search(/,|\r\n/);
      assert.ok(end >= 0, 'record without CRLF');
      field = text.slice(i, i + end);
      assert.ok(!/["\r\n]/.test(field), `bare field with a quote or line break: ${JSON.stringify(field)}`);
      i += end;
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else assert.fail(`unexpected text after a field at ${i}: ${JSON.stringify(text.slice(i, i + 10))}`);
  }
  return rows;
}
