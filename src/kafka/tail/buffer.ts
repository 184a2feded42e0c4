/**
 * The host-side bounded buffer of a tail: a ring of the newest `capacity` records, plus the index of
 * the records matching the current filter. Rows are addressed by position in the (filtered) view.
 */
import type { TailRecord } from './types';

export type RecordPredicate = (record: TailRecord) => boolean;

export class TailBuffer {
  private ring: (TailRecord | undefined)[];
  private start = 0;
  private length = 0;
  private nextSeq = 0;
  private predicate: RecordPredicate | undefined;
  /** Seqs of matching records, oldest first (only with a predicate); entries before `matchHead` are evicted. */
  private matches: number[] = [];
  private matchHead = 0;

  constructor(readonly capacity: number) {
    this.ring = new Array<TailRecord | undefined>(capacity);
  }

  get size(): number {
    return this.length;
  }

  /** Records in the current view (all, or those matching the filter). */
  get viewSize(): number {
    return this.predicate ? this.matches.length - this.matchHead : this.length;
  }

  get firstSeq(): number {
    return this.nextSeq - this.length;
  }

  /** Appends records (seq is assigned here); the oldest ones fall out when full. */
  push(records: Omit<TailRecord, 'seq'>[]): void {
    for (const r of records) {
      const record = r as TailRecord;
      record.seq = this.nextSeq++;
      if (this.length < this.capacity) {
        this.ring[(this.start + this.length) % this.capacity] = record;
        this.length++;
      } else {
        this.ring[this.start] = record;
        this.start = (this.start + 1) % this.capacity;
      }
      if (this.predicate?.(record)) this.matches.push(record.seq);
    }
    this.trimMatches();
  }

  bySeq(seq: number): TailRecord | undefined {
    const first = this.firstSeq;
    if (seq < first || seq >= this.nextSeq) return undefined;
    return this.ring[(this.start + (seq - first)) % this.capacity];
  }

  /** The record at a position in the view. */
  at(index: number): TailRecord | undefined {
    if (index < 0 || index >= this.viewSize) return undefined;
    return this.bySeq(this.predicate ? this.matches[this.matchHead + index] : this.firstSeq + index);
  }

  /** Records [start, start+count) of the view. */
  slice(start: number, count: number): TailRecord[] {
    const out: TailRecord[] = [];
    const end = Math.min(this.viewSize, start + count);
    for (let i = Math.max(0, start); i < end; i++) {
      const r = this.at(i);
      if (r) out.push(r);
    }
    return out;
  }

  /** Every record of the view, oldest first. */
  *view(): Generator<TailRecord> {
    for (let i = 0; i < this.viewSize; i++) {
      const r = this.at(i);
      if (r) yield r;
    }
  }

  /** Every buffered record, oldest first, whatever the filter (the "all" scope of an export). */
  *all(): Generator<TailRecord> {
    for (let i = 0; i < this.length; i++) yield this.ring[(this.start + i) % this.capacity]!;
  }

  /** Sets (or clears) the filter and re-evaluates it over the whole buffer. */
  setFilter(predicate: RecordPredicate | undefined): void {
    this.predicate = predicate;
    this.matches = [];
    this.matchHead = 0;
    if (!predicate) return;
    for (let i = 0; i < this.length; i++) {
      const r = this.ring[(this.start + i) % this.capacity]!;
      if (predicate(r)) this.matches.push(r.seq);
    }
  }

  /** Sets the filter with its matches computed elsewhere (in slices, ./filterRun.ts); evicted seqs are dropped. */
  applyFilter(predicate: RecordPredicate | undefined, matches: number[]): void {
    this.predicate = predicate;
    this.matches = predicate ? matches : [];
    this.matchHead = 0;
    this.trimMatches();
  }

  /** Seq the next pushed record gets. */
  get endSeq(): number {
    return this.nextSeq;
  }

  clear(): void {
    this.ring = new Array<TailRecord | undefined>(this.capacity);
    this.start = 0;
    this.length = 0;
    this.matches = [];
    this.matchHead = 0;
  }

  private trimMatches(): void {
    const first = this.firstSeq;
    while (this.matchHead < this.matches.length && this.matches[this.matchHead] < first) this.matchHead++;
    if (this.matchHead > 4096 && this.matchHead * 2 > this.matches.length) {
      this.matches = this.matches.slice(this.matchHead);
      this.matchHead = 0;
    }
  }
}
