/**
 * The virtualized message table: only the rows in view exist in the DOM, and only their data is
 * fetched from the host (in pages); the webview never holds the whole stream.
 */
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect } from '@tanstack/virtual-core';
import { h, replaceChildren } from '../shared/dom';
import type { TailCell, TailPage, TailRow, TailTimeZone } from './protocol';
import { COLUMNS, DEFAULT_WIDTHS, MIN_WIDTH, gridColumns } from './layout';
import { formatTimestamp } from './time';

export const ROW_HEIGHT = 24;
const PAGE = 200;

export interface TableOptions {
  scroller: HTMLElement;
  /** Asks the host for a page of rows (rejects when it cannot answer: the page is asked again later). */
  requestRows: (start: number, count: number) => Promise<TailPage>;
  onSelect: (row: TailRow) => void;
  /** The header row to fill (column titles with resize handles) and the element holding the grid variable. */
  header: HTMLElement;
  grid: HTMLElement;
  /** A column was resized (all widths, to remember). */
  onResize: (widths: number[]) => void;
}

function cellEl(c: TailCell, cls: string): HTMLElement {
  const el = h('div', { class: `cell ${cls} fmt-${c.format}${c.text === null ? ' null' : ''}` }, c.text ?? 'null');
  if (c.truncated) el.title = 'Truncated: select the row and use Open message for the full value';
  if (c.schema) {
    // The schema that decoded the value (or why not) leads the cell, as text.
    const badge = h('span', { class: `schema-badge${c.schema.error ? ' schema-error' : ''}` }, c.schema.label);
    el.prepend(badge, ' ');
    el.title = c.schema.error ? `Not decoded: ${c.schema.label}` : `Decoded with ${c.schema.label}`;
  }
  return el;
}

export class MessageTable {
  private readonly virtualizer: Virtualizer<HTMLElement, HTMLElement>;
  private readonly inner: HTMLElement;
  private readonly cache = new Map<number, TailRow>();
  private readonly pending = new Set<number>();
  private total = 0;
  private follow = true;
  private selectedSeq: number | undefined;
  /** Bumped whenever the cache is dropped. */
  private generation = 0;
  private zone: TailTimeZone = 'local';
  private widths = [...DEFAULT_WIDTHS];

  constructor(private readonly opts: TableOptions) {
    this.inner = h('div', { class: 'rows', role: 'rowgroup' });
    opts.scroller.append(this.inner);
    // One listener for every row (rows are recreated on each render): the row's view index is in data-index.
    this.inner.addEventListener('click', (e) => {
      const el = e.target instanceof Element ? e.target.closest<HTMLElement>('.row[data-index]') : null;
      const row = el ? this.cache.get(Number(el.dataset.index)) : undefined;
      if (!row) return;
      this.selectedSeq = row.seq;
      this.opts.onSelect(row);
      this.render();
    });
    this.virtualizer = new Virtualizer<HTMLElement, HTMLElement>({
      count: 0,
      getScrollElement: () => opts.scroller,
      estimateSize: () => ROW_HEIGHT,
      scrollToFn: elementScroll,
      observeElementRect,
      observeElementOffset,
      overscan: 10,
      onChange: () => this.render(),
    });
    this.virtualizer._didMount();
    this.virtualizer._willUpdate();
    this.buildHeader();
    opts.scroller.addEventListener('scroll', () => {
      const s = opts.scroller;
      this.follow = s.scrollTop + s.clientHeight >= s.scrollHeight - ROW_HEIGHT * 2;
    });
  }

  /** New row count (from a status or a page); drops cached rows when `invalidate`. */
  setTotal(total: number, invalidate = false): void {
    if (invalidate || total < this.total) {
      this.cache.clear();
      this.pending.clear();
      this.generation++;
    }
    this.total = total;
    this.virtualizer.setOptions({ ...this.virtualizer.options, count: total });
    this.virtualizer._willUpdate();
    if (this.follow && total > 0) this.virtualizer.scrollToIndex(total - 1, { align: 'end' });
    this.render();
  }

  get rowCount(): number {
    return this.total;
  }

  setTimeZone(zone: TailTimeZone): void {
    this.zone = zone;
    this.render();
  }

  /** Column widths (remembered by the host); invalid lists are ignored. */
  setWidths(widths: readonly number[] | undefined): void {
    if (!widths || widths.length !== COLUMNS.length) return;
    this.widths = [...widths];
    this.applyWidths();
  }

  private applyWidths(): void {
    this.opts.grid.style.setProperty('--tail-columns', gridColumns(this.widths));
  }

  /** Header cells with a handle on their right edge: drag to resize, double-click for the default. */
  private buildHeader(): void {
    this.applyWidths();
    const cells = COLUMNS.map((name, i) => {
      const handle = h('div', {
        class: 'resizer',
        role: 'separator',
        'aria-orientation': 'vertical',
        'aria-label': `Resize ${name}`,
        title: 'Drag to resize; double-click for the default width',
      });
      const cell = h('div', { class: `cell ${name.toLowerCase()}`, role: 'columnheader', title: name }, name, handle);
      handle.addEventListener('pointerdown', (e) => {
        e.preventDefault();
        const startX = e.clientX;
        const startWidth = cell.getBoundingClientRect().width;
        handle.setPointerCapture(e.pointerId);
        const move = (m: PointerEvent) => {
          this.widths[i] = Math.max(MIN_WIDTH, Math.round(startWidth + m.clientX - startX));
          this.applyWidths();
        };
        const up = () => {
          handle.removeEventListener('pointermove', move);
          handle.removeEventListener('pointerup', up);
          this.opts.onResize([...this.widths]);
        };
        handle.addEventListener('pointermove', move);
        handle.addEventListener('pointerup', up);
      });
      handle.addEventListener('dblclick', () => {
        this.widths[i] = DEFAULT_WIDTHS[i];
        this.applyWidths();
        this.opts.onResize([...this.widths]);
      });
      return cell;
    });
    replaceChildren(this.opts.header, ...cells);
  }

  invalidate(): void {
    this.setTotal(this.total, true);
  }

  /** Rows answered by the host. */
  private addRows(rows: TailRow[], total: number): void {
    for (const r of rows) {
      this.cache.set(r.index, r);
      this.pending.delete(Math.floor(r.index / PAGE));
    }
    if (total !== this.total) this.setTotal(total);
    else this.render();
  }

  private render(): void {
    const items = this.virtualizer.getVirtualItems();
    this.inner.style.height = `${this.virtualizer.getTotalSize()}px`;
    const missing = new Set<number>();
    const rows: HTMLElement[] = [];
    for (const item of items) {
      const row = this.cache.get(item.index);
      if (!row) missing.add(Math.floor(item.index / PAGE));
      const el = row ? this.rowEl(row) : h('div', { class: 'row loading' }, h('div', { class: 'cell' }, '…'));
      el.style.transform = `translateY(${item.start}px)`;
      rows.push(el);
    }
    replaceChildren(this.inner, ...rows);
    for (const page of missing) {
      if (this.pending.has(page)) continue;
      this.pending.add(page);
      const generation = this.generation;
      this.opts.requestRows(page * PAGE, PAGE).then(
        // Rows asked before the cache was dropped (a filter, a clear, a full buffer) are stale.
        ({ rows, total }) => {
          if (generation === this.generation) this.addRows(rows, total);
        },
        (err: unknown) => {
          if (generation === this.generation) this.pending.delete(page);
          console.warn(
            `tail view: rows ${page * PAGE}+ not loaded: ${err instanceof Error ? err.message : String(err)}`,
          );
        },
      );
    }
  }

  private rowEl(r: TailRow): HTMLElement {
    return h(
      'div',
      { class: `row${r.seq === this.selectedSeq ? ' selected' : ''}`, role: 'row', 'data-index': String(r.index) },
      h('div', { class: 'cell num' }, r.partition),
      h('div', { class: 'cell num' }, r.offset),
      h('div', { class: 'cell time' }, formatTimestamp(r.timestamp, this.zone)),
      cellEl(r.key, 'key'),
      cellEl(r.value, 'value'),
      cellEl(r.headers, 'headers'),
      h('div', { class: 'cell num' }, r.size),
    );
  }
}
