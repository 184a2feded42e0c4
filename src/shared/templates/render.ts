/**
 * Renders templates. Faker is not imported here (it is heavy): the caller passes a resolver for
 * `faker.*` names (src/kafka/produce/render.ts loads faker lazily in the Kafka bundle).
 */
import { randomInt, randomUUID } from 'node:crypto';
import { isKnownFunction } from './functions';
import { findTemplateRefs, type TemplateRef } from './parse';

export interface TemplateContext {
  /** 0-based number of the message in this send. */
  index: number;
  now: Date;
  /** `faker.person.firstName` → a value; undefined when faker is not available. */
  faker?: (name: string) => string;
}

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** A text with its template references found once, to render many times. */
export interface CompiledTemplate {
  text: string;
  refs: TemplateRef[];
}

export function compileTemplate(text: string): CompiledTemplate {
  return { text, refs: findTemplateRefs(text) };
}

export function renderRefs({ text, refs }: CompiledTemplate, ctx: TemplateContext): string {
  if (refs.length === 0) return text;
  let out = '';
  let last = 0;
  for (const ref of refs) {
    out += text.slice(last, ref.start) + evaluate(ref.name, ref.args, ctx);
    last = ref.end;
  }
  return out + text.slice(last);
}

export function renderTemplate(text: string, ctx: TemplateContext): string {
  return renderRefs(compileTemplate(text), ctx);
}

function evaluate(name: string, args: string[], ctx: TemplateContext): string {
  switch (name) {
    case 'uuid':
      return randomUUID();
    case 'seq':
      return String(ctx.index + 1);
    case 'index':
      return String(ctx.index);
    case 'now':
      return ctx.now.toISOString();
    case 'nowMs':
      return String(ctx.now.getTime());
    case 'randomInt': {
      const min = args[0] === undefined ? 0 : Number(args[0]);
      const max = args[1] === undefined ? 100 : Number(args[1]);
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min)
        throw new TemplateError(`randomInt(${args.join(', ')}): expected two integers min ≤ max.`);
      return String(randomInt(min, max + 1));
    }
  }
  if (!isKnownFunction(name)) throw new TemplateError(`Unknown template function {{${name}}}.`);
  if (!ctx.faker) throw new TemplateError(`{{${name}}} needs faker, which is not available here.`);
  return ctx.faker(name);
}
