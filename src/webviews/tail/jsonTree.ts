/** A collapsible JSON tree built from text nodes only (payloads are hostile: never parsed as HTML). */
import { h } from '../shared/dom';

export function jsonTree(value: unknown, label?: string): HTMLElement {
  const name = label === undefined ? null : h('span', { class: 'json-key' }, `${label}: `);
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value as Record<string, unknown>);
    const open = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
    const details = h('details', { open: '' }, h('summary', {}, name, h('span', { class: 'json-brace' }, open)));
    for (const [k, v] of entries) details.append(h('div', { class: 'json-child' }, jsonTree(v, k)));
    return details;
  }
  const kind = value === null ? 'null' : typeof value;
  return h(
    'div',
    { class: 'json-leaf' },
    name,
    h('span', { class: `json-${kind}` }, JSON.stringify(value) ?? 'undefined'),
  );
}
