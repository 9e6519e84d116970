/**
 * The FIQL subset Cloud Director's `filter` parameter takes, for both the
 * cloudapi list endpoints and the legacy query service: `attr==value` (with `*`
 * wildcards), `!=`, `=gt=`/`=ge=`/`=lt=`/`=le=`, `;` for AND, `,` for OR (AND
 * binds tighter) and parentheses for grouping.
 */

/** A malformed filter or an attribute the resource does not expose; a 400. */
export class FilterError extends Error {}

type Op = '==' | '!=' | '=gt=' | '=ge=' | '=lt=' | '=le=';
type Node = { kind: 'or' | 'and'; items: Node[] } | { kind: 'cmp'; attr: string; op: Op; value: string };

/** How one filterable attribute is read, and how a filter value is put in the same form. */
export interface FieldSpec<T> {
  get(item: T): string;
  /** E.g. reduce an href or URN to a bare uuid so either form matches. */
  normalize?(value: string): string;
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parse(): Node {
    const node = this.or();
    if (this.pos !== this.text.length) throw new FilterError(`Unexpected "${this.text[this.pos]}" at ${this.pos} in filter`);
    return node;
  }

  private or(): Node {
    const items = [this.and()];
    while (this.text[this.pos] === ',') {
      this.pos++;
      items.push(this.and());
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  private and(): Node {
    const items = [this.primary()];
    while (this.text[this.pos] === ';') {
      this.pos++;
      items.push(this.primary());
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  private primary(): Node {
    if (this.text[this.pos] === '(') {
      this.pos++;
      const node = this.or();
      if (this.text[this.pos] !== ')') throw new FilterError('Unbalanced parentheses in filter');
      this.pos++;
      return node;
    }
    const rest = this.text.slice(this.pos);
    const match = /^([A-Za-z][\w.]*)(==|!=|=gt=|=ge=|=lt=|=le=)([^,;()]*)/.exec(rest);
    if (!match) throw new FilterError(`Cannot parse filter near "${rest.slice(0, 20)}"`);
    this.pos += match[0].length;
    return { kind: 'cmp', attr: match[1]!, op: match[2] as Op, value: match[3]! };
  }
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}

function compare(actual: string, op: Op, expected: string): boolean {
  switch (op) {
    case '==':
      return expected.includes('*') ? wildcard(expected).test(actual) : actual === expected;
    case '!=':
      return expected.includes('*') ? !wildcard(expected).test(actual) : actual !== expected;
    default: {
      const a = Number(actual);
      const b = Number(expected);
      if (op === '=gt=') return a > b;
      if (op === '=ge=') return a >= b;
      if (op === '=lt=') return a < b;
      return a <= b;
    }
  }
}

/**
 * Parse `filter` once and return a predicate; no filter matches everything.
 * Throws FilterError for bad syntax or an attribute missing from `fields`.
 */
export function compileFilter<T>(filter: string | undefined, fields: Record<string, FieldSpec<T>>): (item: T) => boolean {
  if (filter === undefined || filter === '') return () => true;
  // A repeated `filter=` parameter arrives as an array; the API takes one filter.
  if (typeof filter !== 'string') throw new FilterError('Give the filter parameter once');
  const root = new Parser(filter).parse();
  const check = (node: Node): void => {
    if (node.kind !== 'cmp') return node.items.forEach(check);
    if (!Object.hasOwn(fields, node.attr)) throw new FilterError(`Filter attribute "${node.attr}" is not supported`);
  };
  check(root);
  const evaluate = (node: Node, item: T): boolean => {
    if (node.kind !== 'cmp') {
      return node.kind === 'or' ? node.items.some((n) => evaluate(n, item)) : node.items.every((n) => evaluate(n, item));
    }
    const field = fields[node.attr]!;
    const expected = field.normalize ? field.normalize(node.value) : node.value;
    return compare(field.get(item), node.op, expected);
  };
  return (item) => evaluate(root, item);
}

/** The uuid at the end of a URN (`urn:vcloud:vdc:<uuid>`) or an href (`.../vdc/<uuid>`, `.../vm-<uuid>`). */
export function trailingUuid(value: string): string {
  const match = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i.exec(value);
  return match ? match[1]!.toLowerCase() : value;
}
