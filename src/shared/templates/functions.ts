/** The template functions: `{{name}}` or `{{name(arg, …)}}` inside a key, value or header. */
import { FAKER_FUNCTIONS } from './fakerNames';

export interface TemplateFunctionInfo {
  name: string;
  signature: string;
  doc: string;
  example: string;
}

export const BUILTIN_FUNCTIONS: readonly TemplateFunctionInfo[] = [
  {
    name: 'uuid',
    signature: '{{uuid}}',
    doc: 'A random UUID (v4), new for every message.',
    example: '3b241101-e2bb-4255-8caf-4136c566a962',
  },
  { name: 'seq', signature: '{{seq}}', doc: 'The message number in this send, from 1 to N.', example: '1' },
  { name: 'index', signature: '{{index}}', doc: 'The message number in this send, from 0 to N-1.', example: '0' },
  { name: 'now', signature: '{{now}}', doc: 'The current time, ISO 8601 (UTC).', example: '2026-01-31T12:00:00.000Z' },
  {
    name: 'nowMs',
    signature: '{{nowMs}}',
    doc: 'The current time in milliseconds since the epoch.',
    example: '1769860800000',
  },
  {
    name: 'randomInt',
    signature: '{{randomInt(min, max)}}',
    doc: 'A random integer from min to max, both included (default 0 to 100).',
    example: '42',
  },
];

const BUILTIN = new Map(BUILTIN_FUNCTIONS.map((f) => [f.name, f]));
const FAKER = new Set(FAKER_FUNCTIONS);

export function isKnownFunction(name: string): boolean {
  return BUILTIN.has(name) || (name.startsWith('faker.') && FAKER.has(name.slice('faker.'.length)));
}

export function functionInfo(name: string): TemplateFunctionInfo | undefined {
  const builtin = BUILTIN.get(name);
  if (builtin) return builtin;
  if (name.startsWith('faker.') && FAKER.has(name.slice('faker.'.length))) {
    return {
      name,
      signature: `{{${name}}}`,
      doc: `Fake data from @faker-js/faker (en): \`faker.${name.slice('faker.'.length)}()\`, new for every message.`,
      example: '',
    };
  }
  return undefined;
}
