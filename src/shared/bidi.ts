/**
 * Bidirectional-text control characters (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C)
 * reorder the text around them: `abc\u202Eexe.txt` displays as `abctxt.exe`. Wherever a payload, key,
 * header or topic name is shown they are made visible as `\u202E`-style markers, as VS Code's editor
 * does. One function for every view (webviews and the host alike); no vscode, no DOM.
 */

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** The text with each bidi control character replaced by a visible `\uXXXX` marker. */
export function neutralizeBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Whether the text holds any bidi control character. */
export function hasBidiControls(text: string): boolean {
  BIDI_CONTROLS.lastIndex = 0;
  const found = BIDI_CONTROLS.test(text);
  BIDI_CONTROLS.lastIndex = 0;
  return found;
}
