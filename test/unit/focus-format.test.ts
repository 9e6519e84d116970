/**
 * FOCUS rows as CSV (RFC 4180) and JSON lines, read back with a reader written from the
 * RFC (test/support/csv.ts), and numbers in FOCUS's Numeric Format.
 */
import { csvHeader, csvRow, focusWriter, formatDecimal, jsonLine } from '../../gateway/billing/focus/format';
import { focusRow, type FocusRowContext } from '../../gateway/billing/focus/rows';
import type { InvoiceLine } from '../../gateway/billing/model';
import { FOCUS_COLUMNS, type FocusRow } from '../../schema/focus';
import { parseCsv, parseCsvObjects } from '../support/csv';

/** FOCUS Numeric Format, as the validator reads it: optional '-', digits, optional fraction; no '+', no separators. */
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

const NAMES = FOCUS_COLUMNS.map((column) => column.name);

function line(overrides: Partial<InvoiceLine> = {}): InvoiceLine {
  return {
    kind: 'USAGE',
    month: '2026-11',
    cloudId: 'dir-1',
    vdcId: 'dir-1:urn:vcloud:vdc:7',
    orgId: 'dir-1:urn:vcloud:org:3',
    vmId: 'dir-1:urn:vcloud:vm:9',
    vmName: 'web-1',
    field: 'MEMORY_ALLOCATED',
    start: new Date('2026-11-01T00:00:00Z'),
    end: new Date('2026-12-01T00:00:00Z'),
    hours: 720,
    quantity: 4096,
    unit: 'MB',
    hourlyCost: 0.002,
    cost: 0.002 * 720,
    rateCardId: 'default',
    ...overrides,
  };
}

const CTX: FocusRowContext = {
  invoiceId: null,
  billingMonth: '2026-11',
  tenant: { id: 'acme', name: 'Acme, "the" Corp' },
  currency: 'USD',
  issuerName: 'Overcast',
  cloud: { id: 'dir-1', name: 'Director One', kind: 'DIRECTOR' },
};

/** A CSV field read back as the row's value would be written: numbers and JSON as their text. */
function asText(value: FocusRow[keyof FocusRow]): string | null {
  if (value === null || typeof value === 'string') return value;
  if (typeof value === 'number') return formatDecimal(value);
  return JSON.stringify(value);
}

describe('formatDecimal', () => {
  it('prints plain decimals, trailing zeros trimmed, at most 10 places', () => {
    expect(formatDecimal(1440)).toBe('1440');
    expect(formatDecimal(0.1 + 0.2)).toBe('0.3');
    expect(formatDecimal(-12.5)).toBe('-12.5');
    expect(formatDecimal(1 / 3)).toBe('0.3333333333');
    expect(formatDecimal(0.00000012)).toBe('0.00000012');
    expect(formatDecimal(-0)).toBe('0');
    expect(formatDecimal(-1e-12)).toBe('0');
  });

  it('never prints an exponent, however large or small the number', () => {
    expect(formatDecimal(1e21)).toBe('1000000000000000000000');
    expect(formatDecimal(-2.5e22)).toBe('-25000000000000000000000');
    expect(formatDecimal(1e-7)).toBe('0.0000001');
    expect(formatDecimal(123456789012.125)).toBe('123456789012.125');
    expect(Number(formatDecimal(1.234567890123456e25))).toBe(1.234567890123456e25);
    for (let exponent = -12; exponent <= 300; exponent += 1) {
      for (const mantissa of [1, 1.5, 9.87654321, -3.3]) {
        const text = formatDecimal(mantissa * 10 ** exponent);
        expect({ exponent, mantissa, text, plain: PLAIN_DECIMAL.test(text) }).toEqual({ exponent, mantissa, text, plain: true });
      }
    }
  });

  it('reads back as the number it printed, to 10 places', () => {
    for (const value of [0.0375 * 720, 1234.5678, -0.42, 3.14159265358979, 99999999.99]) {
      expect(Number(formatDecimal(value))).toBeCloseTo(value, 10);
    }
  });

  it('refuses NaN and infinities (a defect, not a value to write)', () => {
    expect(() => formatDecimal(Number.NaN)).toThrow(/finite/);
    expect(() => formatDecimal(Number.POSITIVE_INFINITY)).toThrow(/finite/);
  });
});

describe('CSV', () => {
  it('writes a header row of the column names in order', () => {
    expect(parseCsv(csvHeader())).toEqual([NAMES]);
    expect(csvHeader().endsWith('\r\n')).toBe(true);
  });

  it('round-trips names with commas, quotes and line breaks', () => {
    const awkward = 'db, "primary"\r\nsecond line\nthird';
    const row = focusRow(line({ vmName: awkward }), CTX);
    const { header, rows } = parseCsvObjects(csvHeader() + csvRow(row));
    expect(header).toEqual(NAMES);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.ResourceName).toBe(awkward);
    expect(rows[0]!.BillingAccountName).toBe(CTX.tenant.name);
    expect(rows[0]).toEqual(Object.fromEntries(NAMES.map((name) => [name, asText(row[name])])));
  });

  it('quotes a field exactly when it holds a comma, a quote, CR or LF', () => {
    const row = focusRow(line({ vmName: 'plain-name' }), { ...CTX, tenant: { id: 'acme', name: 'Acme Corp' } });
    const text = csvRow(row);
    expect(text).toContain(',plain-name,');
    expect(text).toContain(',Acme Corp,');
    // Tags is JSON: it holds quotes, so it is quoted, its quotes doubled.
    expect(text).toContain('"{""overcast/field"":""MEMORY_ALLOCATED"",""overcast/rateCard"":""default""}"');
  });

  it('writes null as an empty unquoted field', () => {
    const row = focusRow(line({ kind: 'CORRECTION', cost: -3 }), CTX);
    const [record] = parseCsv(csvRow(row));
    const nulls = NAMES.filter((name) => row[name] === null);
    expect(nulls).toEqual(expect.arrayContaining(['InvoiceId', 'PricingQuantity', 'PricingUnit', 'ListUnitPrice', 'ConsumedQuantity']));
    for (const name of nulls) expect({ name, field: record![NAMES.indexOf(name)] }).toEqual({ name, field: null });
    // Never `""`: a FOCUS reader would take that as an empty string, not a null.
    expect(record!.filter((field) => field === '')).toEqual([]);
  });

  it('ends every record with CRLF and has one field per column', () => {
    const text = csvRow(focusRow(line(), CTX));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)[0]).toHaveLength(NAMES.length);
  });

  it('prints huge and tiny amounts without an exponent', () => {
    const text = csvRow(focusRow(line({ cost: 4e21, hourlyCost: 1e-9 }), CTX));
    expect(text).not.toMatch(/\de[+-]?\d/i);
    const record = parseCsvObjects(csvHeader() + text).rows[0]!;
    expect(record.BilledCost).toBe('4000000000000000000000');
    expect(record.ListUnitPrice).toBe('0.000000001');
  });
});

describe('JSON lines', () => {
  it('writes one JSON object per row with every column in order, nulls as null and numbers as numbers', () => {
    const row = focusRow(line({ kind: 'CORRECTION', cost: -1.5 }), CTX);
    const text = jsonLine(row);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.slice(0, -1)).not.toContain('\n');
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(NAMES);
    expect(parsed).toEqual(row);
    expect(parsed.PricingQuantity).toBeNull();
    expect(typeof parsed.BilledCost).toBe('number');
    expect(parsed.Tags).toEqual({ 'overcast/field': 'MEMORY_ALLOCATED', 'overcast/rateCard': 'default' });
  });

  it('prints numbers without an exponent in JSON too', () => {
    const text = jsonLine(focusRow(line({ cost: 1e22 }), CTX));
    expect(text).toContain('"BilledCost":10000000000000000000000,');
    expect(JSON.parse(text).BilledCost).toBe(1e22);
  });

  it('keeps line breaks inside values escaped, so one row stays one line', () => {
    const text = jsonLine(focusRow(line({ vmName: 'a\nb\r\nc' }), CTX));
    expect(text.split('\n')).toHaveLength(2);
    expect(JSON.parse(text).ResourceName).toBe('a\nb\r\nc');
  });

  it('writes no header line; CSV writes its header', () => {
    expect(focusWriter('jsonl').header).toBe('');
    expect(focusWriter('csv').header).toBe(csvHeader());
  });
});
