/**
 * What a starting broker is doing, read from its log: a broker with thousands of partitions
 * spends most of its start loading them ("Completed load of Log(…) (2345/5018 completed in …)"),
 * which can take minutes on a busy machine. The start waits as long as the log shows progress.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import type { Progress } from './probes';

const WINDOW = 64 * 1024;

function readRange(file: string, from: number, to: number): string {
  const len = Math.min(to - from, WINDOW);
  if (len <= 0) return '';
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, to - len);
    return buf.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** What the log's newest lines say about the start (undefined: nothing specific). */
export function describeBrokerLog(text: string): string | undefined {
  const loaded = [...text.matchAll(/Loaded (\d+) logs in (\d+)ms/g)].pop();
  const loading = [...text.matchAll(/\((\d+)\/(\d+) completed in /g)].pop();
  const fmt = (n: string) => Number(n).toLocaleString('en-US');
  const leading = [...text.matchAll(/Log loaded for partition /g)].length;
  if (loaded && (!loading || loaded.index > loading.index)) {
    return `loaded ${fmt(loaded[1])} partitions in ${Math.round(Number(loaded[2]) / 1000)} s, finishing the start`;
  }
  if (leading && !loading) return 'loaded the partitions, taking over their leadership';
  if (loading) return `loading partitions: ${fmt(loading[1])} of ${fmt(loading[2])}`;
  if (/Loading logs from log dirs/.test(text)) return 'loading partitions';
  if (/Replayed|MetadataLoader/.test(text)) return 'reading the cluster metadata';
  return undefined;
}

/**
 * Progress of the broker's start from `logFile`, counting only what was written after `fromOffset`
 * (the log's size when this start began; a rotated log starts over at 0).
 */
export function brokerLogProgress(logFile: string, fromOffset = 0): () => Progress | undefined {
  let from = fromOffset;
  let text = 'starting the JVM';
  return () => {
    if (!existsSync(logFile)) return undefined;
    const { size, mtimeMs } = statSync(logFile);
    if (size < from) from = 0; // rotated
    // The newest 64 KB may hold none of the lines described: then the last description stands.
    text = describeBrokerLog(readRange(logFile, from, size)) ?? text;
    return { token: `${size}:${mtimeMs}`, text };
  };
}

/** The current size of the log (where this start's lines will begin). */
export function logSize(logFile: string): number {
  return existsSync(logFile) ? statSync(logFile).size : 0;
}
