/** The parsed form of a producer file (`.kafka`, language id `kafka-producer`). Positions are 0-based. */
import type { SchemaSelection } from '../../shared/schemaSelection';

export interface Span {
  line: number;
  start: number;
  end: number;
}

export interface FieldValue<T> {
  value: T;
  raw: string;
  span: Span;
}

export interface HeaderLine {
  name: string;
  value: string;
  nameSpan: Span;
  valueSpan: Span;
}

export interface ParseProblem {
  span: Span;
  message: string;
}

export interface ProducerBlock {
  index: number;
  /** First and last line of the block (the `###` line included). */
  startLine: number;
  endLine: number;
  /** The text after `###`, if any. */
  title?: string;
  /** The line lenses go on: the PRODUCE line, else the block's first line. */
  anchorLine: number;
  topic?: FieldValue<string>;
  key?: FieldValue<string>;
  partition?: FieldValue<number>;
  repeat?: FieldValue<number>;
  timestamp?: FieldValue<string>;
  /** `Schema: glue:<registry>/<schema>@latest`: the value is JSON written with this registry schema. */
  schema?: FieldValue<SchemaSelection>;
  /** `KeySchema: …`: the same for the key. */
  keySchema?: FieldValue<SchemaSelection>;
  headers: HeaderLine[];
  /** The value text (null: no value, a tombstone) and its first line. */
  value: string | null;
  valueStartLine?: number;
  problems: ParseProblem[];
}

export interface ProducerFile {
  blocks: ProducerBlock[];
}

export const FIELD_NAMES = ['Key', 'Partition', 'Repeat', 'Timestamp', 'Schema', 'KeySchema'] as const;
export const MAX_REPEAT = 1_000_000;
