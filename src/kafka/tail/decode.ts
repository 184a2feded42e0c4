/** Format detection and rendering of message bytes (keys, values, headers). */

export type ValueFormat = 'json' | 'text' | 'hex' | 'base64';
export type FormatChoice = 'auto' | ValueFormat;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of valid UTF-8 bytes, or undefined for binary data. */
export function utf8Text(bytes: Buffer): string | undefined {
  try {
    const text = utf8.decode(bytes);
    // Control characters other than whitespace: treat as binary.
    // eslint-disable-next-line no-control-regex
    return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

/** Parsed JSON for object/array text, else undefined. */
export function parseJson(text: string): unknown {
  const t = text.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function detectFormat(bytes: Buffer | null): ValueFormat {
  if (!bytes) return 'text';
  const text = utf8Text(bytes);
  if (text === undefined) return 'hex';
  return parseJson(text) !== undefined ? 'json' : 'text';
}

/** Bytes rendered in a format (auto: detected). `pretty` indents JSON. */
export function formatBytes(
  bytes: Buffer | null,
  choice: FormatChoice,
  pretty = false,
): { text: string | null; format: ValueFormat } {
  if (!bytes) return { text: null, format: 'text' };
  const format = choice === 'auto' ? detectFormat(bytes) : choice;
  switch (format) {
    case 'hex':
      return { text: bytes.toString('hex').replace(/(..)(?!$)/g, '$1 '), format };
    case 'base64':
      return { text: bytes.toString('base64'), format };
    case 'text':
      return { text: bytes.toString('utf8'), format };
    case 'json': {
      const text = bytes.toString('utf8');
      const parsed = parseJson(text);
      if (parsed === undefined) return { text, format: 'text' };
      return { text: pretty ? JSON.stringify(parsed, null, 2) : JSON.stringify(parsed), format };
    }
  }
}
