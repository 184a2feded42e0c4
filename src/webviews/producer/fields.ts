/** The fields of the producer form that may hold text or base64, and their checks. */
import { checkBase64 } from '../../shared/base64';
import { h } from '../shared/dom';
import { ENCODINGS, type FieldEncoding } from './protocol';

const ENCODING_TIP =
  'text: UTF-8 text, templates ({{…}}) rendered. base64: the exact bytes, written as base64 (binary data such as Avro or Protobuf); templates are not rendered in it, it is literal data.';
const BASE64_TIP = 'Base64 of the exact bytes to send. Templates ({{…}}) are not rendered here: this is literal data.';

/** The "text / base64" choice of a field. */
export function encodingSelect(label: string, id?: string): HTMLSelectElement {
  return h(
    'select',
    { id, class: 'encoding', 'aria-label': `${label} encoding`, title: ENCODING_TIP },
    ...ENCODINGS.map((e) => h('option', { value: e }, e)),
  );
}

export const encodingOf = (select: HTMLSelectElement): FieldEncoding => (select.value === 'base64' ? 'base64' : 'text');

/**
 * Shows the base64 check of a field in `status` (empty for text) and marks the control; the
 * placeholder and tooltip say what the field holds. Returns whether the field is fine.
 */
export function showBase64(
  control: HTMLInputElement | HTMLTextAreaElement,
  encoding: FieldEncoding,
  status: HTMLElement,
  textPlaceholder: string,
): boolean {
  const base64 = encoding === 'base64';
  control.placeholder = base64 ? 'base64 of the bytes, e.g. AP8=' : textPlaceholder;
  if (base64) control.title = BASE64_TIP;
  else control.removeAttribute('title');
  control.classList.toggle('base64', base64);
  if (!base64) {
    status.textContent = '';
    status.classList.remove('ok', 'error');
    control.removeAttribute('aria-invalid');
    return true;
  }
  const check = checkBase64(control.value);
  status.textContent = check.ok
    ? `Base64: ${check.bytes} byte${check.bytes === 1 ? '' : 's'}`
    : `Invalid base64: ${check.problem}`;
  status.classList.toggle('ok', check.ok);
  status.classList.toggle('error', !check.ok);
  if (check.ok) control.removeAttribute('aria-invalid');
  else control.setAttribute('aria-invalid', 'true');
  return check.ok;
}

const HEADER_PLACEHOLDER = 'value';

/** One header row: name, value (text or base64, checked as typed), encoding, Remove. */
export function headerRow(key = '', value = '', encoding: FieldEncoding = 'text'): HTMLElement {
  const k = h('input', {
    type: 'text',
    class: 'header-key',
    placeholder: 'name',
    value: key,
    'aria-label': 'Header name',
  });
  const v = h('input', {
    type: 'text',
    class: 'header-value',
    placeholder: HEADER_PLACEHOLDER,
    value,
    'aria-label': 'Header value',
  });
  k.value = key;
  v.value = value;
  const enc = encodingSelect('Header value');
  enc.classList.add('header-encoding');
  enc.value = encoding;
  const status = h('div', { class: 'field-status header-status', role: 'status' });
  const check = () => showBase64(v, encodingOf(enc), status, HEADER_PLACEHOLDER);
  v.addEventListener('input', check);
  enc.addEventListener('change', check);
  check();
  const remove = h('button', { class: 'secondary remove-header', type: 'button', title: 'Remove header' }, 'Remove');
  const row = h('div', { class: 'header-row' }, k, h('div', { class: 'field-box' }, v, status), enc, remove);
  remove.addEventListener('click', () => row.remove());
  return row;
}
