/** Finding `{{…}}` expressions in text (for rendering, diagnostics, hover). */

export interface TemplateRef {
  /** The function name, e.g. `uuid` or `faker.person.firstName`. */
  name: string;
  args: string[];
  /** Offsets in the text: of `{{` and just after `}}`. */
  start: number;
  end: number;
  /** Offsets of the name inside the text. */
  nameStart: number;
  nameEnd: number;
}

const EXPR = /\{\{\s*([A-Za-z_][\w.]*)\s*(?:\(([^()]*)\))?\s*\}\}/g;

export function findTemplateRefs(text: string): TemplateRef[] {
  const out: TemplateRef[] = [];
  for (const m of text.matchAll(EXPR)) {
    const start = m.index;
    const nameStart = start + m[0].indexOf(m[1]);
    const args = m[2] === undefined || m[2].trim() === '' ? [] : m[2].split(',').map((a) => a.trim());
    out.push({ name: m[1], args, start, end: start + m[0].length, nameStart, nameEnd: nameStart + m[1].length });
  }
  return out;
}

export function hasTemplates(text: string | null | undefined): boolean {
  return !!text && text.includes('{{') && findTemplateRefs(text).length > 0;
}
