/**
 * An RFC 4180 reader for the FOCUS export's tests, written from the RFC, not from our
 * writer: records end in CRLF, a field is quoted when it holds a comma, quote, CR or LF,
 * quotes inside are doubled. An empty unquoted field reads as null (how FOCUS readers
 * take it), a quoted empty one as "".
 */
export type CsvRecord = Array<string | null>;

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let record: CsvRecord = [];
  let i = 0;
  const endOfField = () => {
    if (text[i] === ',') {
      i += 1;
      return false;
    }
    if (text.startsWith('\r\n', i)) {
      i += 2;
      return true;
    }
    if (i >= text.length) return true;
    throw new Error(`malformed CSV at offset ${i}: ${JSON.stringify(text.slice(i, i + 20))}`);
  };
  while (i < text.length) {
    let value: string | null;
    if (text[i] === '"') {
      let j = i + 1;
      value = '';
      for (;;) {
        const quote = text.indexOf('"', j);
        if (quote === -1) throw new Error(`unterminated quoted field at offset ${i}`);
        value += text.slice(j, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          j = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
    } else {
      let j = i;
      while (j < text.length && text[j] !== ',' && text[j] !== '\r' && text[j] !== '\n') {
        if (text[j] === '"') throw new Error(`a quote inside an unquoted field at offset ${j}`);
        j += 1;
      }
      value = j === i ? null : text.slice(i, j);
      i = j;
    }
    record.push(value);
    if (endOfField()) {
      records.push(record);
      record = [];
    }
  }
  // A last record without its CRLF (RFC 4180 allows it; the export always ends with one).
  if (record.length) records.push(record);
  return records;
}

/** CSV text as objects keyed by the header row's names. */
export function parseCsvObjects(text: string): { header: string[]; rows: Array<Record<string, string | null>> } {
  const [header, ...records] = parseCsv(text);
  if (!header) throw new Error('no header row');
  const names = header.map((name) => {
    if (name === null) throw new Error('an empty column name in the header');
    return name;
  });
  const rows = records.map((record, n) => {
    if (record.length !== names.length) throw new Error(`record ${n + 1} has ${record.length} fields, the header ${names.length}`);
    return Object.fromEntries(names.map((name, k) => [name, record[k] ?? null]));
  });
  return { header: names, rows };
}
