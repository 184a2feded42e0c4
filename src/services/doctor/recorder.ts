/**
 * Runs the doctor's steps one by one: each is announced as running, timed, bounded by its timeout,
 * and reported with its result and next step. A step that throws fails with the error's message and
 * hint (the shared error model), so every failure says what to do.
 */
import { presentError } from '../../shared/errorPresentation';
import type { DoctorStep, StepGroup, StepStatus } from './types';

/** What a step's body returns: its result (ok when no status is given). */
export interface StepOutcome {
  status?: Exclude<StepStatus, 'running' | 'skipped'>;
  detail?: string;
  next?: string;
}

/** A step body's failure with its own next step (thrown). */
export class StepFailure extends Error {
  constructor(
    message: string,
    readonly next: string,
    readonly status: 'fail' | 'warn' = 'fail',
  ) {
    super(message);
    this.name = 'StepFailure';
  }
}

export class StepTimeout extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${(ms / 1000).toFixed(ms % 1000 ? 1 : 0)} s`);
    this.name = 'StepTimeout';
  }
}

/** `work`, or a StepTimeout after `ms` (the work is abandoned; its own timeouts end it). */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeout(ms)), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export class StepRecorder {
  readonly steps: DoctorStep[] = [];

  constructor(
    private readonly onStep: (step: DoctorStep) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs one step; resolves to its final status (never rejects). */
  async run(
    group: StepGroup,
    id: string,
    title: string,
    body: () => Promise<StepOutcome | void>,
    explain?: (err: unknown) => { detail: string; next: string } | undefined,
  ): Promise<DoctorStep> {
    const step: DoctorStep = { id, group, title, status: 'running' };
    this.steps.push(step);
    this.emit(step);
    const started = this.now();
    try {
      const outcome = (await body()) ?? {};
      step.status = outcome.status ?? 'ok';
      step.detail = outcome.detail;
      step.next = outcome.next;
    } catch (err) {
      const explained = explain?.(err);
      if (explained) {
        step.status = 'fail';
        step.detail = explained.detail;
        step.next = explained.next;
      } else if (err instanceof StepFailure) {
        step.status = err.status;
        step.detail = err.message;
        step.next = err.next;
      } else {
        const shown = presentError(err);
        step.status = 'fail';
        step.detail = shown.message;
        step.next = shown.hint ?? 'See the "Amazon MSK" output channel for details.';
      }
    }
    step.durationMs = Math.max(0, this.now() - started);
    this.emit(step);
    return step;
  }

  /** A step that does not run because `because` (an earlier step) failed. */
  skip(group: StepGroup, id: string, title: string, because: string): DoctorStep {
    const step: DoctorStep = { id, group, title, status: 'skipped', detail: `Skipped: ${because}.` };
    this.steps.push(step);
    this.emit(step);
    return step;
  }

  private emit(step: DoctorStep): void {
    this.onStep({ ...step });
  }
}
