/**
 * Strict base64 for the producer's binary fields, shared by the webview (no Buffer there) and the
 * host. Node's `Buffer.from(text, 'base64')` is lenient: it skips characters outside the alphabet,
 * accepts missing or misplaced padding and drops stray bits, so bytes could silently change. Here
 * only A–Z a–z 0–9 + / with correct `=` padding is accepted (whitespace, e.g. line breaks, ignored),
 * and the unused bits of the last character must be zero, so the text maps to exactly one byte string.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const SHAPE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export type Base64Check = { ok: true; bytes: number; text: string } | { ok: false; problem: string };

/**
 * Checks base64 text. `text` of a valid answer is the input without whitespace (what decodes);
 * `bytes` the decoded length. A problem says what is wrong in a few words.
 */
export function checkBase64(input: string): Base64Check {
  const text = input.replace(/\s+/g, '');
  const stray = /[^A-Za-z0-9+/=]/.exec(text);
  if (stray) return { ok: false, problem: `"${stray[0]}" is not a base64 character (A–Z a–z 0–9 + / =)` };
  if (text.length % 4 !== 0)
    return { ok: false, problem: `${text.length} characters: base64 comes in groups of 4 (padded with =)` };
  if (!SHAPE.test(text)) return { ok: false, problem: '"=" may only pad the end (at most two)' };
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  if (pad > 0) {
    // The character before the padding carries bits that must be zero (4 of them for ==, 2 for =).
    const last = ALPHABET.indexOf(text[text.length - pad - 1]);
    if ((last & (pad === 2 ? 0b1111 : 0b11)) !== 0)
      return { ok: false, problem: 'the last character before "=" has bits that are not part of any byte' };
  }
  return { ok: true, bytes: (text.length / 4) * 3 - pad, text };
}
