/**
 * The Connection Doctor page: each step with its result, time, what was found and the next step,
 * grouped as the run goes (identity, MSK API, bootstrap brokers, authentication, advertised brokers,
 * authorization). Every value is rendered as text.
 */
import { STEP_GROUP_TITLES, type DoctorStep, type StepStatus } from '../../services/doctor/types';
import { connectToHost } from '../shared/connect';
import { h, replaceChildren } from '../shared/dom';
import { doctorProtocol, type DoctorViewState } from './protocol';

const host = connectToHost(doctorProtocol);
const root = document.getElementById('root')!;
const status = document.getElementById('status')!;
const runButton = document.getElementById('run') as HTMLButtonElement;
const topicInput = document.getElementById('topic') as HTMLInputElement;
const writeBox = document.getElementById('write') as HTMLInputElement;
let state: DoctorViewState | undefined;

const ICON: Record<StepStatus, string> = { ok: '✓', warn: '⚠', fail: '✗', skipped: '–', running: '…' };
const WORD: Record<StepStatus, string> = {
  ok: 'ok',
  warn: 'warning',
  fail: 'failed',
  skipped: 'skipped',
  running: 'running',
};

runButton.addEventListener('click', () => host.command('run', { topic: topicInput.value, write: writeBox.checked }));
document.getElementById('copy')!.addEventListener('click', () => host.command('copy'));
document.getElementById('open')!.addEventListener('click', () => host.command('openMarkdown'));
topicInput.addEventListener('input', () => {
  writeBox.disabled = !topicInput.value.trim();
  if (writeBox.disabled) writeBox.checked = false;
});
writeBox.disabled = true;

host.listen({
  state: (next) => {
    if (!state && next.topic) topicInput.value = next.topic;
    state = next;
    render();
  },
});
host.command('ready');

function duration(ms: number | undefined): string {
  if (ms === undefined) return '';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function stepRow(step: DoctorStep): HTMLElement {
  return h(
    'li',
    { class: `step status-${step.status}`, 'data-step': step.id, 'data-status': step.status },
    h('span', { class: 'icon', 'aria-hidden': 'true' }, ICON[step.status]),
    h(
      'div',
      { class: 'body' },
      h(
        'div',
        { class: 'head' },
        h('span', { class: 'title' }, step.title),
        h('span', { class: 'result' }, WORD[step.status]),
        h('span', { class: 'time' }, duration(step.durationMs)),
      ),
      step.detail ? h('div', { class: 'detail' }, step.detail) : null,
      step.next ? h('div', { class: 'next' }, h('strong', {}, 'Next step: '), step.next) : null,
    ),
  );
}

function render(): void {
  const s = state;
  if (!s) return;
  runButton.disabled = s.running;
  runButton.textContent = s.running ? 'Running…' : 'Run again';
  const count = (st: StepStatus) => s.steps.filter((x) => x.status === st).length;
  status.textContent = s.running
    ? `Checking ${s.clusterName}…`
    : `${s.clusterName}: ${count('ok')} ok, ${count('warn')} warning(s), ${count('fail')} failed, ${count('skipped')} skipped${s.finishedAt && s.startedAt ? ` in ${duration(s.finishedAt - s.startedAt)}` : ''}`;
  const sections: HTMLElement[] = [];
  let list: HTMLElement | undefined;
  let group: string | undefined;
  for (const step of s.steps) {
    if (step.group !== group || !list) {
      group = step.group;
      list = h('ul', { class: 'steps' });
      sections.push(h('section', { 'data-group': step.group }, h('h2', {}, STEP_GROUP_TITLES[step.group]), list));
    }
    list.append(stepRow(step));
  }
  replaceChildren(
    root,
    h('p', { class: 'cluster' }, s.clusterLabel),
    s.topic
      ? h('p', { class: 'cluster' }, `Topic checked: ${s.topic}${s.write ? ' (with one test message written)' : ''}`)
      : null,
    ...sections,
  );
}
