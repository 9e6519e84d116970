/**
 * FOCUS rows on the wire, as CSV (RFC 4180) or JSON lines. Both print numbers with
 * `formatDecimal`, so the two formats carry the same digits.
 *
 * CSV: a header of the column names in FOCUS_COLUMNS' order, CRLF line ends, a field
 * quoted when it holds a comma, a quote, CR or LF (quotes doubled). A null is an empty,
 * unquoted field: FOCUS readers (the validator loads CSV into DuckDB) read an empty
 * field as null. An empty string would be `""`, to stay distinct, but rows carry none
 * (rows.ts writes null instead). A JSON column is its serialized object, quoted.
 */
import { FOCUS_COLUMNS, FOCUS_NUMBER_SCALE, type FocusRow, type FocusValue } from '../../../schema/focus';

export type FocusFormat = 'csv' | 'jsonl';

export const FOCUS_FORMATS: readonly FocusFormat[] = Object.freeze(['csv', 'jsonl']);

/**
 * A number as FOCUS's Numeric Format wants it: plain decimal digits, at most
 * FOCUS_NUMBER_SCALE places, trailing zeros trimmed, no thousands separator, no `+`,
 * and never an exponent (JavaScript's `String(1e21)` is "1e+21", which FOCUS refuses:
 * a positive exponent may carry no sign). Not finite: a defect, thrown.
 */
export function formatDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  const fixed = Math.abs(value) >= 1e21 ? withoutExponent(String(value)) : value.toFixed(FOCUS_NUMBER_SCALE);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  // A tiny negative rounds to "-0".
  return trimmed === '-0' ? '0' : trimmed;
}

/**
 * "2.5e+22" as "25000000000000000000000": toFixed answers in exponent form from 1e21 up,
 * and `BigInt(value)` would print the double's binary expansion (…97902848), not the
 * digits JavaScript's shortest round-trip form gives.
 */
function withoutExponent(text: string): string {
  const match = /^(-?)(\d)(?:\.(\d+))?e\+(\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, lead, fraction = '', exponent] = match;
  return `${sign}${lead}${fraction.padEnd(Number(exponent), '0')}`;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field (RFC 4180 §2.6–2.7). */
export function csvField(value: string): string {
  return value === '' || NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvValue(value: FocusValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return formatDecimal(value);
  if (typeof value === 'string') return csvField(value);
  return csvField(JSON.stringify(value));
}

/** The CSV header row, CRLF-terminated. */
export function csvHeader(): string {
  return `${FOCUS_COLUMNS.map((column) => csvField(column.name)).join(',')}\r\n`;
}

/** One row as a CSV record, CRLF-terminated, fields in FOCUS_COLUMNS' order. */
export function csvRow(row: FocusRow): string {
  return `${FOCUS_COLUMNS.map((column) => csvValue(row[column.name])).join(',')}\r\n`;
}

function jsonValue(value: FocusValue): string {
  // A JSON number from formatDecimal: valid JSON (digits, one optional '-' and '.'), and never "1e+21".
  return typeof value === 'number' ? formatDecimal(value) : JSON.stringify(value);
}

/** One row as one JSON object on one line, every column (nulls as null), in FOCUS_COLUMNS' order. */
export function jsonLine(row: FocusRow): string {
  return `{${FOCUS_COLUMNS.map((column) => `${JSON.stringify(column.name)}:${jsonValue(row[column.name])}`).join(',')}}\n`;
}

/** What a format writes before its rows, and for each row. */
export interface FocusWriter {
  header: string;
  row(row: FocusRow): string;
}

export function focusWriter(format: FocusFormat): FocusWriter {
  switch (format) {
    case 'csv':
      return { header: csvHeader(), row: csvRow };
    case 'jsonl':
      return { header: '', row: jsonLine };
    default: {
      const never: never = format;
      throw new Error(`unknown format ${String(never)}`);
    }
  }
}
