import { closest, distance } from 'fastest-levenshtein';
import { OPERATORS, type ConditionSpec, type Operator, type Scalar } from '../score/conditions.js';
import { Condition } from './common.js';

/**
 * A condition written on one line, for `leadkit filter`: the rules file's field conditions
 * (`grade in [A,B]`, `website empty`, `score gte 70`) joined with and / or / not and
 * parentheses. It compiles to the same ConditionSpec as a rules file's all / any / not, and is
 * checked by the same schema, so a condition means the same on the command line and in a file.
 *
 *   expr  := and ("or" and)*          and binds tighter than or, as in SQL
 *   and   := unary ("and" unary)*
 *   unary := "not" unary | "(" expr ")" | FIELD OP [value]
 *   value := "[" scalar ("," scalar)* "]" | scalar
 *
 * A scalar is a word or a quoted string ('…' or "…", doubled quote inside). A bare whole number
 * or decimal without a leading zero is a number (as YAML reads `value: 70`); `01067` and
 * anything quoted stay text, so a postcode is never read as 1067.
 */

/** A syntax or value error at a 1-based column of the expression. */
export class WhereSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly col: number,
  ) {
    super(`${reason} at column ${col}`);
    this.name = 'WhereSyntaxError';
  }
}

type Kind = 'word' | 'string' | '(' | ')' | '[' | ']' | ',' | 'end';

interface Token {
  kind: Kind;
  text: string;
  /** 1-based column of the token's first character. */
  col: number;
}

const NO_VALUE: ReadonlySet<Operator> = new Set(['empty', 'not_empty']);
const PUNCT = new Set(['(', ')', '[', ']']);

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let depth = 0;
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const col = i + 1;
    if (PUNCT.has(ch) || (ch === ',' && depth > 0)) {
      if (ch === '[') depth++;
      if (ch === ']') depth = Math.max(0, depth - 1);
      out.push({ kind: ch as Kind, text: ch, col });
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let text = '';
      let j = i + 1;
      for (;;) {
        if (j >= src.length) throw new WhereSyntaxError(`unclosed ${ch} quote`, col);
        if (src[j] === ch) {
          if (src[j + 1] === ch) {
            text += ch;
            j += 2;
            continue;
          }
          break;
        }
        text += src[j++];
      }
      out.push({ kind: 'string', text, col });
      i = j + 1;
      continue;
    }
    // A word runs to a space or bracket; a comma ends it only inside a list, so "1.234,5" is one value.
    let j = i;
    while (j < src.length && !/\s/.test(src[j]) && !PUNCT.has(src[j]) && !(src[j] === ',' && depth > 0)) j++;
    out.push({ kind: 'word', text: src.slice(i, j), col });
    i = j;
  }
  out.push({ kind: 'end', text: '', col: src.length + 1 });
  return out;
}

const keyword = (t: Token, k: string) => t.kind === 'word' && t.text.toLowerCase() === k;
const describe = (t: Token) => (t.kind === 'end' ? 'the end' : `"${t.text}"`);

/** Where each parsed field condition's value (or operator) starts, for schema errors. */
type Positions = WeakMap<ConditionSpec, number>;

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    readonly at: Positions,
  ) {}

  private peek(): Token {
    return this.tokens[this.pos];
  }
  private next(): Token {
    return this.tokens[this.pos++];
  }

  parse(): ConditionSpec {
    if (this.peek().kind === 'end') throw new WhereSyntaxError('empty condition: expected a field, "not" or "("', 1);
    const spec = this.or();
    const t = this.peek();
    if (t.kind !== 'end') throw new WhereSyntaxError(t.kind === ')' ? 'unmatched ")"' : `expected "and" or "or" before ${describe(t)}`, t.col);
    return spec;
  }

  private or(): ConditionSpec {
    const parts = [this.and()];
    while (keyword(this.peek(), 'or')) {
      this.next();
      parts.push(this.and());
    }
    return parts.length === 1 ? parts[0] : { any: parts };
  }

  private and(): ConditionSpec {
    const parts = [this.unary()];
    while (keyword(this.peek(), 'and')) {
      this.next();
      parts.push(this.unary());
    }
    return parts.length === 1 ? parts[0] : { all: parts };
  }

  private unary(): ConditionSpec {
    const t = this.peek();
    if (keyword(t, 'not')) {
      this.next();
      return { not: this.unary() };
    }
    if (t.kind === '(') {
      this.next();
      const inner = this.or();
      const close = this.peek();
      if (close.kind !== ')') throw new WhereSyntaxError(`expected ")" to close the "(" at column ${t.col}, found ${describe(close)}`, close.col);
      this.next();
      return inner;
    }
    return this.field();
  }

  private field(): ConditionSpec {
    const f = this.next();
    if (f.kind !== 'word' && f.kind !== 'string') throw new WhereSyntaxError(`expected a field name, "not" or "(", found ${describe(f)}`, f.col);
    if (f.kind === 'word' && ['and', 'or'].includes(f.text.toLowerCase())) throw new WhereSyntaxError(`expected a field name before "${f.text}"`, f.col);
    const o = this.next();
    if (o.kind !== 'word') throw new WhereSyntaxError(`expected an operator after "${f.text}" (${OPERATORS.join(', ')}), found ${describe(o)}`, o.col);
    const op = o.text.toLowerCase() as Operator;
    if (!OPERATORS.includes(op)) {
      const near = closest(op, [...OPERATORS]);
      const hint = distance(op, near) <= 2 ? `did you mean "${near}"?` : `operators: ${OPERATORS.join(', ')}`;
      throw new WhereSyntaxError(`unknown operator "${o.text}" (${hint})`, o.col);
    }
    const spec: ConditionSpec = { field: f.text, op };
    if (NO_VALUE.has(op)) {
      this.at.set(spec, o.col);
      return spec;
    }
    const v = this.peek();
    this.at.set(spec, v.col);
    spec.value = this.value(o);
    return spec;
  }

  private value(op: Token): Scalar | Scalar[] {
    const t = this.next();
    if (t.kind === '[') {
      const list: Scalar[] = [];
      for (;;) {
        const item = this.next();
        if (item.kind === ']' && list.length === 0) return list;
        if (item.kind !== 'word' && item.kind !== 'string') throw new WhereSyntaxError(`expected a value in the list after "${op.text}", found ${describe(item)}`, item.col);
        list.push(scalar(item));
        const sep = this.next();
        if (sep.kind === ']') return list;
        if (sep.kind !== ',') throw new WhereSyntaxError(`expected "," or "]" in the list after "${op.text}", found ${describe(sep)}`, sep.col);
      }
    }
    if (t.kind === 'word' && !['and', 'or'].includes(t.text.toLowerCase())) return scalar(t);
    if (t.kind === 'string') return scalar(t);
    throw new WhereSyntaxError(`expected a value after "${op.text}"${t.kind === 'end' ? '' : `, found ${describe(t)}`}`, t.col);
  }
}

function scalar(t: Token): Scalar {
  if (t.kind === 'word' && /^-?(0|[1-9]\d*)(\.\d+)?$/.test(t.text)) return Number(t.text);
  return t.text;
}

/** The node an issue path leads to inside a spec, for its position. */
function nodeAt(spec: ConditionSpec, path: readonly PropertyKey[]): ConditionSpec {
  let node: unknown = spec;
  let last = spec;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') break;
    node = (node as Record<PropertyKey, unknown>)[seg as string];
    if (node && typeof node === 'object' && !Array.isArray(node)) last = node as ConditionSpec;
  }
  return last;
}

/**
 * Parses a one-line condition into a ConditionSpec, checked like a rules-file condition (an
 * unusable regex, `gte` with a word, `in` without a list); every error names its column.
 */
export function parseWhere(src: string): ConditionSpec {
  const at: Positions = new WeakMap();
  const spec = new Parser(tokenize(src), at).parse();
  const checked = Condition.safeParse(spec);
  if (!checked.success) {
    const iss = checked.error.issues[0];
    throw new WhereSyntaxError(iss.message, at.get(nodeAt(spec, iss.path)) ?? 1);
  }
  return checked.data;
}
