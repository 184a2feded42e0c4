/**
 * Tiny DOM helpers for webviews. Every piece of data becomes a text node: nothing a cluster,
 * broker or message supplies is ever parsed as HTML, and bidi control characters in it are shown as
 * visible markers (../../shared/bidi.ts), so they cannot reorder what is displayed.
 */
import { neutralizeBidi } from '../../shared/bidi';

/** A text node for data: bidi control characters made visible. */
export function text(value: string | number): Text {
  return document.createTextNode(neutralizeBidi(String(value)));
}
export type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, v);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? text(c) : c);
  }
  return el;
}

export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.append(typeof c === 'string' || typeof c === 'number' ? text(c) : c);
  }
}
