/**
 * The schema picker of a key or value: none, an AWS Glue registry → schema → version (or latest),
 * or a Confluent subject → version (or latest); then, for Protobuf, the message type (the first
 * one by default) and, for Glue, zlib compression. Names are asked of the host one level at a time;
 * the picked schema is its text form (`glue:payments/orders@latest`), as in producer files.
 */
import {
  formatSchemaSelection,
  isSchemaSelection,
  parseSchemaSelection,
  type SchemaNamesQuery,
} from '../../shared/schemaSelection';
import { h, replaceChildren } from '../shared/dom';
import type { FieldEncoding, ProducerInit, SchemaCheck } from './protocol';

type Kind = 'none' | 'glue' | 'confluent';

export interface SchemaPicker {
  readonly element: HTMLElement;
  /** Where the schema check of the field is shown. */
  readonly status: HTMLElement;
  /** The picked schema, or undefined (none, or not complete). */
  value(): string | undefined;
  /** Shows a picked schema (loading the lists it needs); undefined: none. */
  set(text: string | undefined): Promise<void>;
}

export function schemaPicker(
  field: 'key' | 'value',
  registries: NonNullable<ProducerInit['registries']>,
  names: (q: SchemaNamesQuery) => Promise<string[]>,
  onChange: () => void,
): SchemaPicker {
  const id = (part: string) => `${field}-schema-${part}`;
  const label = field === 'key' ? 'Key' : 'Value';
  const kind = h(
    'select',
    { id: id('kind'), 'aria-label': `${label} schema registry` },
    h('option', { value: 'none' }, 'No schema'),
    registries.glue ? h('option', { value: 'glue' }, 'AWS Glue') : null,
    registries.confluent ? h('option', { value: 'confluent' }, 'Confluent') : null,
  );
  const registry = h('select', { id: id('registry'), 'aria-label': `${label} Glue registry`, hidden: '' });
  const schema = h('select', { id: id('name'), 'aria-label': `${label} schema`, hidden: '' });
  const version = h('select', { id: id('version'), 'aria-label': `${label} schema version`, hidden: '' });
  /** Protobuf: which message type is written (shown when the schema has message types). */
  const messageType = h('select', { id: id('type'), 'aria-label': `${label} message type`, hidden: '' });
  /** Glue: zlib-compress the payload (compression byte 5), as AWS's serializer can. */
  const zlib = h('input', { type: 'checkbox', id: id('zlib'), 'aria-label': `${label} zlib compression` });
  const zlibLabel = h(
    'label',
    {
      class: 'schema-zlib',
      hidden: '',
      title: 'Compress the data with zlib, as AWS’s Glue serializer does with compression ZLIB',
    },
    zlib,
    ' zlib',
  );
  const status = h('div', { id: id('status'), class: 'field-status schema-status', role: 'status' });
  const element = h(
    'div',
    { class: 'schema-picker', id: id('picker') },
    kind,
    registry,
    schema,
    version,
    messageType,
    zlibLabel,
  );
  if (registries.confluent) kind.title = `Confluent-compatible registry at ${registries.confluent}`;

  let generation = 0;
  const fill = async (select: HTMLSelectElement, placeholder: string, load: () => Promise<string[]>, pick?: string) => {
    const mine = ++generation;
    select.hidden = false;
    replaceChildren(select, h('option', { value: '' }, 'Loading…'));
    select.disabled = true;
    try {
      const list = await load();
      if (mine !== generation) return;
      const values = pick && !list.includes(pick) ? [pick, ...list] : list;
      replaceChildren(
        select,
        h('option', { value: '' }, list.length ? placeholder : `${placeholder} (none found)`),
        ...values.map((v) => h('option', { value: v }, v)),
      );
      select.value = pick ?? '';
      status.textContent = '';
      status.className = 'field-status schema-status';
    } catch (err) {
      if (mine !== generation) return;
      replaceChildren(select, h('option', { value: '' }, placeholder));
      status.textContent = `Could not list: ${err instanceof Error ? err.message : String(err)}`;
      status.className = 'field-status schema-status error';
    } finally {
      if (mine === generation) select.disabled = false;
    }
  };
  const hide = (...selects: HTMLSelectElement[]) => {
    for (const s of selects) {
      s.hidden = true;
      s.disabled = false;
      replaceChildren(s);
    }
  };
  const versions = (list: string[]) => ['latest', ...list];

  /** The picked schema without its write options (`glue:reg/orders@latest`). */
  const refText = (): string | undefined => {
    const v = version.hidden ? '' : version.value;
    if (!v || !schema.value) return undefined;
    const n = v === 'latest' ? 'latest' : Number(v);
    if (kind.value === 'glue' && registry.value)
      return formatSchemaSelection({
        registry: 'glue',
        registryName: registry.value,
        schemaName: schema.value,
        version: n,
      });
    if (kind.value === 'confluent')
      return formatSchemaSelection({ registry: 'confluent', subject: schema.value, version: n });
    return undefined;
  };

  /** The options of the picked schema: its message types (Protobuf; the first is the default), zlib for Glue. */
  const loadOptions = async (pick?: { type?: string; zlib?: boolean }) => {
    const ref = refText();
    zlibLabel.hidden = !(ref && kind.value === 'glue');
    zlib.checked = !zlibLabel.hidden && (pick?.zlib ?? zlib.checked);
    messageType.hidden = true;
    replaceChildren(messageType);
    if (!ref) return;
    let types: string[] = [];
    try {
      types = await names({ registry: 'types', schema: ref });
    } catch {
      return; // the check of the field says why the schema cannot be read
    }
    if (refText() !== ref || types.length === 0) return;
    const values = pick?.type && !types.includes(pick.type) ? [...types, pick.type] : types;
    replaceChildren(messageType, ...values.map((t, i) => h('option', { value: t }, i === 0 ? `${t} (default)` : t)));
    messageType.value = pick?.type ?? types[0];
    messageType.hidden = false;
  };

  type Pick = { registry?: string; name?: string; version?: string; type?: string; zlib?: boolean };
  const loadKind = async (k: Kind, pick?: Pick) => {
    hide(registry, schema, version, messageType);
    zlibLabel.hidden = true;
    status.textContent = '';
    if (k === 'glue') {
      await fill(registry, 'Registry…', async () => names({ registry: 'glue' }), pick?.registry);
      if (pick?.registry) await loadGlueSchemas(pick);
    } else if (k === 'confluent') {
      await fill(schema, 'Subject…', async () => names({ registry: 'confluent' }), pick?.name);
      if (pick?.name) await loadVersions(pick);
    }
  };
  const loadGlueSchemas = async (pick?: Pick) => {
    hide(schema, version, messageType);
    zlibLabel.hidden = true;
    if (!registry.value) return;
    const registryName = registry.value;
    await fill(schema, 'Schema…', async () => names({ registry: 'glue', registryName }), pick?.name);
    if (pick?.name) await loadVersions(pick);
  };
  const loadVersions = async (pick?: Pick) => {
    hide(version, messageType);
    zlibLabel.hidden = true;
    if (!schema.value) return;
    const q: SchemaNamesQuery =
      kind.value === 'glue'
        ? { registry: 'glue', registryName: registry.value, schemaName: schema.value }
        : { registry: 'confluent', subject: schema.value };
    await fill(version, 'Version…', async () => versions(await names(q)), pick?.version ?? 'latest');
    await loadOptions(pick);
  };

  kind.addEventListener('change', () => void loadKind(kind.value as Kind).then(onChange));
  registry.addEventListener('change', () => void loadGlueSchemas().then(onChange));
  schema.addEventListener('change', () => void loadVersions().then(onChange));
  version.addEventListener('change', () => void loadOptions({ type: messageType.value || undefined }).then(onChange));
  messageType.addEventListener('change', onChange);
  zlib.addEventListener('change', onChange);

  const value = (): string | undefined => {
    const ref = refText();
    if (!ref) return undefined;
    const options: string[] = [];
    // The default type is left out: the text stays valid for any version of the schema.
    if (!messageType.hidden && messageType.value && messageType.selectedIndex > 0)
      options.push(`type=${messageType.value}`);
    if (!zlibLabel.hidden && zlib.checked) options.push('compression=zlib');
    return [ref, ...options].join(' ');
  };

  const set = async (text: string | undefined): Promise<void> => {
    const sel = text ? parseSchemaSelection(text) : undefined;
    if (!sel || !isSchemaSelection(sel) || (sel.registry === 'glue' ? !registries.glue : !registries.confluent)) {
      kind.value = 'none';
      await loadKind('none');
    } else if (sel.registry === 'glue') {
      kind.value = 'glue';
      await loadKind('glue', {
        registry: sel.registryName,
        name: sel.schemaName,
        version: String(sel.version),
        ...(sel.messageType ? { type: sel.messageType } : {}),
        zlib: sel.compression === 'zlib',
      });
    } else {
      kind.value = 'confluent';
      await loadKind('confluent', {
        name: sel.subject,
        version: String(sel.version),
        ...(sel.messageType ? { type: sel.messageType } : {}),
      });
    }
    onChange();
  };

  return { element, status, value, set };
}

/**
 * The check of a field against its picked schema, shown in the picker's status: debounced, and
 * only the answer to the latest text is shown.
 */
export function liveSchemaCheck(
  request: (p: { schema: string; text: string }) => Promise<SchemaCheck>,
): (picker: SchemaPicker, text: string, encoding: FieldEncoding) => void {
  const seqs = new WeakMap<SchemaPicker, number>();
  const timers = new WeakMap<SchemaPicker, ReturnType<typeof setTimeout>>();
  return (picker, text, encoding) => {
    const status = picker.status;
    const seq = (seqs.get(picker) ?? 0) + 1;
    seqs.set(picker, seq);
    clearTimeout(timers.get(picker));
    const show = (message: string, state: '' | 'ok' | 'error') => {
      status.textContent = message;
      status.className = `field-status schema-status ${state}`.trim();
    };
    const schema = picker.value();
    if (!schema) {
      if (status.dataset.check) show('', '');
      delete status.dataset.check;
      return;
    }
    status.dataset.check = 'yes';
    if (encoding === 'base64') {
      show('A schema writes JSON text: switch the field to text.', 'error');
      return;
    }
    if (text.trim() === '') {
      show('Empty: write it as JSON that fits the schema.', '');
      return;
    }
    // The verdict on the previous text is gone until the new one arrives.
    show('Checking…', '');
    const current = () => seqs.get(picker) === seq;
    timers.set(
      picker,
      setTimeout(() => {
        request({ schema, text }).then(
          (r) => {
            if (!current()) return;
            if (r.issues.length === 0) return show(`Fits ${r.schemaName}.`, 'ok');
            const shown = r.issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
            if (r.issues.length > 5) shown.push(`and ${r.issues.length - 5} more`);
            show(`Does not fit ${r.schemaName}: ${shown.join('; ')}`, 'error');
          },
          (err: unknown) => {
            if (current()) show(`Could not check: ${err instanceof Error ? err.message : String(err)}`, 'error');
          },
        );
      }, 250),
    );
  };
}
