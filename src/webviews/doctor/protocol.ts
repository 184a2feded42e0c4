/**
 * The contract between the Connection Doctor webview and the extension host (see
 * ../shared/messages.ts). The host runs the steps and streams them; the page only draws them.
 */
import type { DoctorStep } from '../../services/doctor/types';
import { command, defineProtocol, isRecord, noParams, notification } from '../shared/messages';

export interface DoctorViewState {
  clusterName: string;
  /** "MSK cluster · us-east-1 · profile dev" or "manual connection". */
  clusterLabel: string;
  running: boolean;
  steps: DoctorStep[];
  /** The topic of the current/last run and whether it wrote to it. */
  topic?: string;
  write: boolean;
  startedAt?: number;
  finishedAt?: number;
}

const MAX_TOPIC = 249;

export const doctorProtocol = defineProtocol({
  name: 'doctor',
  notifications: {
    state: notification<DoctorViewState>(),
  },
  commands: {
    /** The page is listening: send the state. */
    ready: command(noParams),
    /** Run every step again, optionally with a topic (and writing one message to it, once confirmed). */
    run: command((raw) => {
      if (!isRecord(raw) || typeof raw.write !== 'boolean') return undefined;
      if (raw.topic !== undefined && (typeof raw.topic !== 'string' || raw.topic.length > MAX_TOPIC)) return undefined;
      const topic = typeof raw.topic === 'string' && raw.topic.trim() ? raw.topic.trim() : undefined;
      return { topic, write: raw.write && topic !== undefined };
    }),
    /** Put the redacted Markdown report on the clipboard. */
    copy: command(noParams),
    /** Open the redacted Markdown report in an editor. */
    openMarkdown: command(noParams),
  },
});

export type DoctorProtocol = typeof doctorProtocol;
