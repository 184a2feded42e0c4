/**
 * The connection doctor's data: steps with their result, time and next step, streamed while a run
 * goes on (the webview draws them, the Markdown report prints them). Plain data, no vscode; the
 * webview imports it, so it names no host module (what a run needs from the host: environment.ts).
 */
import type { ClusterRef } from '../clusterModel';

export type StepStatus = 'running' | 'ok' | 'warn' | 'fail' | 'skipped';

/** The groups of steps, in the order a run goes through them. */
export type StepGroup =
  'identity' | 'mskApi' | 'settings' | 'network' | 'authentication' | 'listeners' | 'authorization';

export const STEP_GROUP_TITLES: Record<StepGroup, string> = {
  identity: 'Identity and region',
  mskApi: 'MSK API',
  settings: 'Connection settings',
  network: 'Bootstrap brokers (DNS, TCP, TLS)',
  authentication: 'Authentication',
  listeners: 'Advertised brokers',
  authorization: 'Authorization',
};

export interface DoctorStep {
  /** Stable within a run, e.g. "tcp:b-1.example:9098". */
  id: string;
  group: StepGroup;
  /** What is checked, e.g. "TCP connect to b-1.example:9098". */
  title: string;
  status: StepStatus;
  /** ms the step took (absent while running and for skipped steps). */
  durationMs?: number;
  /** What was found (or why it failed). */
  detail?: string;
  /** What to do next (failures and warnings). */
  next?: string;
}

/** Timeouts per kind of step (ms): short, so a run against a black hole finishes in seconds. */
export interface DoctorTimeouts {
  aws: number;
  dns: number;
  tcp: number;
  tls: number;
  kafka: number;
}

export const DEFAULT_DOCTOR_TIMEOUTS: DoctorTimeouts = { aws: 8_000, dns: 3_000, tcp: 3_000, tls: 4_000, kafka: 6_000 };

export interface DoctorRequest {
  cluster: ClusterRef;
  /** A topic to check describe/read (and write, if `write`) on; none: cluster-level checks only. */
  topic?: string;
  /** Produce one message to `topic` (a side effect: only when the person confirmed it). */
  write?: boolean;
  timeouts?: Partial<DoctorTimeouts>;
}

export interface DoctorReport {
  cluster: { name: string; source: ClusterRef['source']; arn?: string; region?: string; profile?: string };
  startedAt: number;
  finishedAt?: number;
  topic?: string;
  steps: DoctorStep[];
}

/** The worst status of a report: what its headline says. */
export function overallStatus(steps: readonly DoctorStep[]): StepStatus {
  const order: StepStatus[] = ['fail', 'warn', 'running'];
  for (const s of order) if (steps.some((step) => step.status === s)) return s;
  return 'ok';
}
