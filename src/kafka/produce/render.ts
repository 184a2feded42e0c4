/**
 * Rendering drafts into messages, with faker loaded on first use (it is large: it lives in the
 * Kafka bundle and is imported only when a template names a faker function).
 */
import {
  compileTemplate,
  hasTemplates,
  renderRefs,
  type CompiledTemplate,
  type TemplateContext,
} from '../../shared/templates/index';
import type { MessageSource, OutgoingMessage, ProduceBytes, ProduceHeader } from './types';

/**
 * A message with templates, as typed in the panel or a producer file. Text fields may hold
 * templates; Buffer fields (base64 fields of the panel, decoded) are literal bytes, never rendered.
 */
export interface MessageDraft {
  key: ProduceBytes | null;
  value: ProduceBytes | null;
  headers: ProduceHeader[];
  partition?: number;
  timestamp?: string;
}

type FakerLike = Record<string, Record<string, (() => unknown) | undefined> | undefined>;
let fakerPromise: Promise<FakerLike> | undefined;

async function loadFaker(): Promise<FakerLike> {
  fakerPromise ??= import('@faker-js/faker/locale/en').then((m) => m.faker as unknown as FakerLike);
  return fakerPromise;
}

function fakerResolver(faker: FakerLike): (name: string) => string {
  return (name) => {
    const [, mod, fn] = name.split('.');
    const f = faker[mod]?.[fn];
    if (typeof f !== 'function') throw new Error(`Unknown faker function ${name}.`);
    const v = f.call(faker[mod]);
    return v instanceof Date ? v.toISOString() : String(v);
  };
}

/** The text fields of a draft (the ones templates are rendered in). */
function draftTexts(d: MessageDraft): string[] {
  return [d.key, d.value, ...d.headers.flatMap((h) => [h.key, h.value])].filter(
    (t): t is string => typeof t === 'string',
  );
}

/** Text is compiled as a template; bytes stay bytes. */
const compileField = (v: ProduceBytes): CompiledTemplate | Buffer => (typeof v === 'string' ? compileTemplate(v) : v);

/**
 * `count` rounds of the drafts as a message source: made when they are sent, templates rendered per
 * message (`{{seq}}` counts from `firstIndex`+1); without templates every round gives the drafts'
 * same message objects (the bulk path: nothing rendered, nothing copied).
 */
export async function draftSource(drafts: MessageDraft[], count = 1, firstIndex = 0): Promise<MessageSource> {
  const templated = drafts.some((d) => draftTexts(d).some((t) => hasTemplates(t)));
  const length = drafts.length * Math.max(0, count);
  if (!templated) {
    const fixed: OutgoingMessage[] = drafts.map((d) => ({
      key: d.key,
      value: d.value,
      headers: d.headers,
      partition: d.partition,
      timestamp: d.timestamp,
    }));
    return { length, at: (i) => fixed[i % fixed.length] };
  }
  const needsFaker = drafts.some((d) => draftTexts(d).some((t) => t.includes('faker.')));
  const faker = needsFaker ? fakerResolver(await loadFaker()) : undefined;
  // Template references found once per field, not per message.
  const compiled = drafts.map((d) => ({
    key: d.key === null ? null : compileField(d.key),
    value: d.value === null ? null : compileField(d.value),
    headers: d.headers.map((h) => ({ key: compileTemplate(h.key), value: compileField(h.value) })),
  }));
  return {
    length,
    at: (i) => {
      const d = drafts[i % drafts.length];
      const c = compiled[i % drafts.length];
      const ctx: TemplateContext = { index: firstIndex + i, now: new Date(), faker };
      const r = (t: CompiledTemplate | Buffer): ProduceBytes => (Buffer.isBuffer(t) ? t : renderRefs(t, ctx));
      return {
        key: c.key === null ? null : r(c.key),
        value: c.value === null ? null : r(c.value),
        headers: c.headers.map((h) => ({ key: renderRefs(h.key, ctx), value: r(h.value) })),
        partition: d.partition,
        timestamp: d.timestamp,
      };
    },
  };
}

/** `count` rounds of the drafts, rendered now (see `draftSource`). */
export async function renderDrafts(drafts: MessageDraft[], count = 1, firstIndex = 0): Promise<OutgoingMessage[]> {
  const source = await draftSource(drafts, count, firstIndex);
  return Array.from({ length: source.length }, (_, i) => source.at(i));
}
