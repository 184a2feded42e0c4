/**
 * The producer panel's draft as a send request (host side, no vscode import): text fields go as
 * typed (templates rendered by the sender), base64 fields become the exact bytes they encode. A
 * base64 field that is not strict base64 refuses the whole send, naming the field: nothing is sent.
 */
import type { ProduceDraft } from '../../../contract/crossFeature';
import type { MessageDraft } from '../../../kafka/produce/render';
import type { FieldEncoding, ProduceBytes } from '../../../kafka/produce/types';
import type { ClusterRef } from '../../../services/clusterModel';
import { UserError } from '../../../shared/errors';
import {
  base64Problems,
  emptyDraft,
  encodingProp,
  fieldLabel,
  type DraftField,
  type PanelDraft,
} from '../../../webviews/producer/protocol';
import { checkBase64 } from '../../../shared/base64';
import type { SendRequest } from './sender';

const HINT = 'Fix the field, or switch it to text.';

/** The panel's draft for a draft from another feature ("Produce again…"), encodings kept. */
export function panelDraftOf(d: ProduceDraft | undefined): PanelDraft {
  const base = emptyDraft();
  if (!d) return base;
  return {
    ...base,
    key: d.key ?? null,
    ...encodingProp('keyEncoding', d.keyEncoding),
    value: d.value ?? null,
    ...encodingProp('valueEncoding', d.valueEncoding),
    headers: (d.headers ?? []).map((h) => ({ key: h.key, value: h.value, ...encodingProp('encoding', h.encoding) })),
    partition: d.partition ?? null,
  };
}

/** The bytes of a base64 field; a UserError naming the field when it is not strict base64. */
export function decodeBase64Field(text: string, field: DraftField): Buffer {
  const check = checkBase64(text);
  if (!check.ok)
    throw new UserError(`${fieldLabel(field)} is not valid base64: ${check.problem}.`, {
      code: 'InvalidBase64',
      hint: HINT,
    });
  const bytes = Buffer.from(check.text, 'base64');
  // Node's decoder is lenient: the bytes must encode back to exactly the text given.
  if (bytes.toString('base64') !== check.text)
    throw new UserError(`${fieldLabel(field)} is not valid base64: it does not decode to exact bytes.`, {
      code: 'InvalidBase64',
      hint: HINT,
    });
  return bytes;
}

function fieldBytes(text: string, encoding: FieldEncoding | undefined, field: DraftField): ProduceBytes {
  return encoding === 'base64' ? decodeBase64Field(text, field) : text;
}

/** The message draft of a panel draft (base64 fields decoded); throws a UserError naming every bad field. */
export function panelMessageDraft(d: PanelDraft): MessageDraft {
  const problems = base64Problems(d);
  if (problems.length)
    throw new UserError(problems.map((p) => p.message).join(' '), { code: 'InvalidBase64', hint: HINT });
  return {
    key: d.key === null ? null : fieldBytes(d.key, d.keyEncoding, { kind: 'key' }),
    value: d.value === null ? null : fieldBytes(d.value, d.valueEncoding, { kind: 'value' }),
    headers: d.headers.map((h, index) => ({
      key: h.key,
      value: fieldBytes(h.value, h.encoding, { kind: 'header', index, name: h.key }),
    })),
    partition: d.partition ?? undefined,
  };
}

/** What the panel asks the sender for (progress and cancellation are the panel's to add). */
export function panelSendRequest(
  cluster: ClusterRef,
  topic: string,
  draft: PanelDraft,
  idempotent: boolean,
): Omit<SendRequest, 'onProgress' | 'isCancelled'> {
  return {
    cluster,
    topic,
    drafts: [panelMessageDraft(draft)],
    count: draft.count,
    options: { acks: draft.acks, compression: draft.compression, idempotent: idempotent && draft.acks === -1 },
  };
}
