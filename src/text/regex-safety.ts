/**
 * A static check for regular expressions that can take exponential time ("catastrophic
 * backtracking", ReDoS), for the patterns users write in rules files. JavaScript's engine
 * backtracks, so `^(a+)+$` on "aaaa…a!" tries every way of splitting the a's between the inner
 * and the outer `+` and never finishes; a rules file is configuration, so a bad pattern must be
 * refused when the file is loaded, not discovered by a run that hangs. Pure JS on purpose: the
 * RE2 bindings download native binaries, and a timeout would have to sit in the per-row path.
 *
 * The rule. Exponential time needs a part that repeats and that can match the same text in
 * more than one way, so that the ways multiply from one repetition to the next. Every
 * repetition that can run more than once (`*`, `+`, `{n,}`, `{n,m}` with m > 1) must therefore
 * be decidable by one character of look-ahead: inside its body, at every choice point, the
 * first characters of the choices must differ. The choice points are
 *  - alternatives `x|y`: the first characters of x and of y must not overlap ("alternatives");
 *  - a part that repeats inside the repeated body (`(a+)+`, `(\w+\s?)+`, `(.*a){20}`): what it
 *    repeats must not overlap what can follow it, the next repetition of the body included,
 *    because then the characters can go to either ("nested"); `(\w+\s)+` and `(\d{1,3}\.){3}`
 *    pass, the separator decides;
 *  - an optional part (`(a?a)+`): same test ("optional").
 * Small bounded repeats get no exemption: `(\w+\s?){1,3}$` already stalls on a cell of a few
 * hundred characters.
 * "First characters" are computed exactly for literals, classes, escapes, `.` and `\p{…}`
 * (with the i flag, upper and lower case count as the same character); a part that can match
 * nothing passes the test on to what follows it. Lookarounds consume nothing and are checked
 * as patterns of their own (a lookbehind read right to left, as the engine runs it); a
 * back-reference may match anything. The exit from the checked repetition itself is not a
 * choice point here: `(\w+,)*\w+` has to guess where the list ends, but a wrong guess costs one
 * retry per position, not a multiplication.
 *
 * The check is conservative: `(a|ab)*` is refused although its second letter would decide, and
 * so is a pattern whose lookahead would tell two alternatives apart.
 *
 * Polynomial time. Two long repetitions one after the other (or with only optional parts between
 * them) that can match the same characters, `a*a*`, `\w+\d+`, `.*.*`, `[a-z]+[a-c]*`,
 * `\w+\s?\w+`, let the engine try every place to split a run between them: k such repetitions
 * cost the cell length to the k-th power (`^a*a*a*a*a*a*a*b$` takes 40 s on a cell of 100 a's,
 * and a process stuck in one match does not even see SIGTERM). They are refused too ("adjacent").
 * "The same characters" means, for bodies of more than one character, that the bodies can both
 * start and both end with one character: `(?:\w+,)*\w+` and `\w+(?:\.\w+)*` pass, the comma
 * and the dot decide. A long repetition is one with no upper bound or a range of 16 or more
 * (`{1,3}` twice costs at most 9 tries). Repetitions that a fixed part separates
 * (`.*a.*a.*a`, `.*@example\.com$`) are not looked at: the fixed part must match between them.
 * Load time only: nothing here runs per row.
 */

/** Deeper group nesting is refused rather than parsed (the parser and the checks recurse). */
const MAX_NESTING = 100;
const MAX_CODE_POINT = 0x10ffff;

/* ------------------------------------------------------------------ character sets */

/** Sorted, disjoint, non-adjacent inclusive code point ranges: [lo0, hi0, lo1, hi1, …]. */
type CharSet = readonly number[];

const EMPTY: CharSet = [];
const ANY: CharSet = [0, MAX_CODE_POINT];

function normalize(ranges: Array<[number, number]>): CharSet {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of ranges) {
    if (lo > hi) continue;
    if (out.length && lo <= out[out.length - 1] + 1) out[out.length - 1] = Math.max(out[out.length - 1], hi);
    else out.push(lo, hi);
  }
  return out;
}

function pairs(s: CharSet): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < s.length; i += 2) out.push([s[i], s[i + 1]]);
  return out;
}

function union(...sets: CharSet[]): CharSet {
  const nonEmpty = sets.filter((s) => s.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? EMPTY;
  return normalize(nonEmpty.flatMap(pairs));
}

function complement(s: CharSet): CharSet {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < s.length; i += 2) {
    if (s[i] > next) out.push(next, s[i] - 1);
    next = s[i + 1] + 1;
  }
  if (next <= MAX_CODE_POINT) out.push(next, MAX_CODE_POINT);
  return out;
}

function intersects(a: CharSet, b: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i + 1] < b[j]) i += 2;
    else if (b[j + 1] < a[i]) j += 2;
    else return true;
  }
  return false;
}

function has(s: CharSet, cp: number): boolean {
  let lo = 0;
  let hi = s.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < s[2 * mid]) hi = mid - 1;
    else if (cp > s[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

const single = (cp: number): CharSet => [cp, cp];
const DIGIT: CharSet = [0x30, 0x39];
const WORD: CharSet = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
const SPACE: CharSet = normalize(
  [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]
    .map((c): [number, number] => [c, c])
    .concat([[0x2000, 0x200a]]),
);
const LINE_TERMINATORS: CharSet = normalize([[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]]);

/**
 * Case variants under the i flag: code points joined by toLowerCase/toUpperCase, which covers
 * JavaScript's simple case folding (ſ ~ s, K ~ k) and errs towards more overlap. Built once,
 * only when a pattern with the i flag needs it.
 */
let caseClasses: Map<number, number[]> | undefined;

function caseTable(): Map<number, number[]> {
  if (caseClasses) return caseClasses;
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  const join = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (!parent.has(ra)) parent.set(ra, ra);
    if (ra !== rb) parent.set(rb, ra);
  };
  // Cased letters all sit in the first two planes.
  for (let cp = 0; cp <= 0x1ffff; cp++) {
    const s = String.fromCodePoint(cp);
    for (const v of [s.toLowerCase(), s.toUpperCase()]) {
      const vc = v.codePointAt(0)!;
      if (v !== s && v.length === String.fromCodePoint(vc).length) join(cp, vc);
    }
  }
  const classes = new Map<number, number[]>();
  for (const cp of parent.keys()) {
    const r = find(cp);
    if (!classes.has(r)) classes.set(r, []);
    classes.get(r)!.push(cp);
  }
  caseClasses = new Map();
  for (const members of classes.values()) for (const cp of members) caseClasses.set(cp, members);
  return caseClasses;
}

function caseClosure(s: CharSet): CharSet {
  const extra: Array<[number, number]> = [];
  for (const [cp, members] of caseTable()) if (has(s, cp)) for (const m of members) extra.push([m, m]);
  return extra.length ? union(s, normalize(extra)) : s;
}

/** `\p{…}` sets, computed by letting the engine scan every code point once per property. */
const propertySets = new Map<string, CharSet>();
let everyCodePoint: string | undefined;

function allCodePoints(): string {
  if (everyCodePoint !== undefined) return everyCodePoint;
  // UTF-16 of every scalar value in order (lone surrogates cannot be written, nor matched by \p).
  const units = new Uint16Array(0xd800 + 0x2000 + (MAX_CODE_POINT - 0xffff) * 2);
  let n = 0;
  for (let cp = 0; cp <= 0xffff; cp++) if (cp < 0xd800 || cp > 0xdfff) units[n++] = cp;
  for (let cp = 0x10000; cp <= MAX_CODE_POINT; cp++) {
    const v = cp - 0x10000;
    units[n++] = 0xd800 + (v >> 10);
    units[n++] = 0xdc00 + (v & 0x3ff);
  }
  everyCodePoint = Buffer.from(units.buffer, 0, n * 2).toString('utf16le');
  return everyCodePoint;
}

function codePointAtUnit(i: number): number {
  if (i < 0xd800) return i;
  if (i < 0xd800 + 0x2000) return i + 0x800;
  return 0x10000 + ((i - 0xf800) >> 1);
}

function propertySet(name: string): CharSet {
  const known = propertySets.get(name);
  if (known) return known;
  const re = new RegExp(`\\p{${name}}+`, 'gu');
  const text = allCodePoints();
  const ranges: Array<[number, number]> = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    ranges.push([codePointAtUnit(m.index), codePointAtUnit(m.index + m[0].length - 1)]);
  }
  const set = normalize(ranges);
  propertySets.set(name, set);
  return set;
}

/* ------------------------------------------------------------------ the parser */

/** Sets are computed when a check needs them: `\p{…}` and the i flag cost a scan of Unicode. */
type LazySet = () => CharSet;

type Node =
  | { type: 'char'; set: LazySet; start: number; end: number }
  | { type: 'seq'; items: Node[]; start: number; end: number }
  | { type: 'alt'; branches: Node[]; start: number; end: number }
  | { type: 'group'; body: Node; start: number; end: number }
  | { type: 'look'; body: Node; behind: boolean; start: number; end: number }
  | { type: 'assert'; start: number; end: number }
  | { type: 'backref'; start: number; end: number }
  | { type: 'repeat'; body: Node; min: number; max: number; start: number; end: number };

class TooDeep extends Error {}

/**
 * A parser for the regular expressions `new RegExp(source, flags)` has already accepted, so it
 * is lenient where the engine is strict: what it does not recognise is read as a literal.
 */
class Parser {
  private pos = 0;
  private depth = 0;
  private readonly ignoreCase: boolean[];
  private readonly dotAll: boolean;

  constructor(
    private readonly src: string,
    flags: string,
  ) {
    this.ignoreCase = [flags.includes('i')];
    this.dotAll = flags.includes('s');
  }

  parse(): Node {
    const node = this.alternation();
    // A stray ")" cannot pass the engine; read the rest as one more sequence rather than loop.
    while (this.pos < this.src.length) {
      this.pos++;
      this.alternation();
    }
    return node;
  }

  private get icase(): boolean {
    return this.ignoreCase[this.ignoreCase.length - 1];
  }

  private peek(offset = 0): string {
    return this.src[this.pos + offset] ?? '';
  }

  private alternation(): Node {
    const start = this.pos;
    const branches = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? branches[0] : { type: 'alt', branches, start, end: this.pos };
  }

  private sequence(): Node {
    const start = this.pos;
    const items: Node[] = [];
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') items.push(this.quantified(this.atom()));
    return items.length === 1 ? items[0] : { type: 'seq', items, start, end: this.pos };
  }

  private quantified(atom: Node): Node {
    let min: number;
    let max: number;
    const c = this.peek();
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
      if (!m) return atom;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.pos += m[0].length - 1;
    } else return atom;
    this.pos++;
    if (this.peek() === '?') this.pos++;
    return this.quantified({ type: 'repeat', body: atom, min, max, start: atom.start, end: this.pos });
  }

  private char(set: LazySet, start: number): Node {
    const icase = this.icase;
    return { type: 'char', set: icase ? () => caseClosure(set()) : set, start, end: this.pos };
  }

  private atom(): Node {
    const start = this.pos;
    const c = this.peek();
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '^' || c === '$') {
      this.pos++;
      return { type: 'assert', start, end: this.pos };
    }
    if (c === '.') {
      this.pos++;
      const set = this.dotAll ? ANY : complement(LINE_TERMINATORS);
      return { type: 'char', set: () => set, start, end: this.pos };
    }
    if (c === '\\') {
      const next = this.peek(1);
      if (next === 'b' || next === 'B') {
        this.pos += 2;
        return { type: 'assert', start, end: this.pos };
      }
      if (/[1-9]/.test(next)) {
        this.pos++;
        while (/\d/.test(this.peek())) this.pos++;
        return { type: 'backref', start, end: this.pos };
      }
      if (next === 'k' && this.peek(2) === '<') {
        const close = this.src.indexOf('>', this.pos);
        this.pos = close < 0 ? this.src.length : close + 1;
        return { type: 'backref', start, end: this.pos };
      }
      const { set } = this.escape();
      return this.char(set, start);
    }
    const cp = this.src.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return this.char(() => single(cp), start);
  }

  private group(): Node {
    const start = this.pos;
    if (++this.depth > MAX_NESTING) throw new TooDeep();
    this.pos++;
    let look = false;
    let behind = false;
    let flagsPushed = false;
    if (this.peek() === '?') {
      const rest = this.src.slice(this.pos + 1);
      if (rest.startsWith(':')) this.pos += 2;
      else if (rest.startsWith('=') || rest.startsWith('!')) [this.pos, look] = [this.pos + 2, true];
      else if (rest.startsWith('<=') || rest.startsWith('<!')) [this.pos, look, behind] = [this.pos + 3, true, true];
      else if (rest.startsWith('<')) this.pos = this.src.indexOf('>', this.pos) + 1 || this.src.length;
      else {
        // Pattern modifiers (?i:…) / (?-i:…), where the engine has them.
        const m = /^([a-z]*)(?:-([a-z]*))?:/.exec(rest);
        if (m) {
          const on = m[1].includes('i') ? true : m[2]?.includes('i') ? false : this.icase;
          this.ignoreCase.push(on);
          flagsPushed = true;
          this.pos += 1 + m[0].length;
        }
      }
    }
    const body = this.alternation();
    if (this.peek() === ')') this.pos++;
    if (flagsPushed) this.ignoreCase.pop();
    this.depth--;
    return look ? { type: 'look', body, behind, start, end: this.pos } : { type: 'group', body, start, end: this.pos };
  }

  private charClass(): Node {
    const start = this.pos;
    this.pos++;
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    const parts: LazySet[] = [];
    while (this.pos < this.src.length && this.peek() !== ']') {
      const lo = this.classAtom();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '' && lo.cp !== undefined) {
        this.pos++;
        const hi = this.classAtom();
        if (hi.cp !== undefined) {
          const range: CharSet = [lo.cp, hi.cp];
          parts.push(() => range);
          continue;
        }
        parts.push(lo.set, () => single(0x2d), hi.set);
        continue;
      }
      parts.push(lo.set);
    }
    this.pos++;
    // [^…] under i: complementing before closing over case keeps the set a superset of the real one.
    const set = () => {
      const raw = union(...parts.map((p) => p()));
      return negated ? complement(raw) : raw;
    };
    return this.char(set, start);
  }

  private classAtom(): { set: LazySet; cp?: number } {
    if (this.peek() === '\\') return this.escape();
    const cp = this.src.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return { set: () => single(cp), cp };
  }

  /** An escape as a set of characters (`cp` when it is one character); `pos` is at the backslash. */
  private escape(): { set: LazySet; cp?: number } {
    const set = this.escapeSet();
    if (typeof set === 'function') return { set };
    return { set: () => set, cp: set.length === 2 && set[0] === set[1] ? set[0] : undefined };
  }

  private escapeSet(): CharSet | LazySet {
    this.pos++;
    const c = this.peek();
    this.pos++;
    switch (c) {
      case 'd':
        return DIGIT;
      case 'D':
        return complement(DIGIT);
      case 'w':
        return WORD;
      case 'W':
        return complement(WORD);
      case 's':
        return SPACE;
      case 'S':
        return complement(SPACE);
      case 't':
        return single(0x09);
      case 'n':
        return single(0x0a);
      case 'v':
        return single(0x0b);
      case 'f':
        return single(0x0c);
      case 'r':
        return single(0x0d);
      case 'b':
        return single(0x08); // only reached inside a class
      case '0':
        return single(0);
      case 'c': {
        const letter = this.peek();
        this.pos++;
        return single(letter.charCodeAt(0) % 32);
      }
      case 'x': {
        const hex = this.src.slice(this.pos, this.pos + 2);
        this.pos += 2;
        return single(parseInt(hex, 16));
      }
      case 'u': {
        if (this.peek() === '{') {
          const close = this.src.indexOf('}', this.pos);
          const cp = parseInt(this.src.slice(this.pos + 1, close), 16);
          this.pos = close + 1;
          return single(cp);
        }
        const hi = parseInt(this.src.slice(this.pos, this.pos + 4), 16);
        this.pos += 4;
        const lo = /^\\u[dD][c-fC-F][0-9a-fA-F]{2}/.test(this.src.slice(this.pos)) ? parseInt(this.src.slice(this.pos + 2, this.pos + 6), 16) : -1;
        if (hi >= 0xd800 && hi <= 0xdbff && lo >= 0) {
          this.pos += 6;
          return single(0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00));
        }
        return single(hi);
      }
      case 'p':
      case 'P': {
        const close = this.src.indexOf('}', this.pos);
        const name = this.src.slice(this.pos + 1, close);
        this.pos = close + 1;
        return c === 'P' ? () => complement(propertySet(name)) : () => propertySet(name);
      }
      default: {
        const cp = this.src.codePointAt(this.pos - 1)!;
        if (cp > 0xffff) this.pos++;
        return single(cp);
      }
    }
  }
}

/* ------------------------------------------------------------------ the check */

interface Info {
  /** Characters a match of the node can start with. */
  first: CharSet;
  /** The node can match the empty string. */
  nullable: boolean;
}

export interface RegexHazard {
  /** Why, naming the parts of the pattern, e.g. `a repeated group "(a+)" that itself repeats`. */
  reason: string;
  /** What to do about it. */
  advice: string;
  /** How the time grows with the cell's length (unset: exponential). */
  growth?: 'exponential' | 'polynomial';
}

/** A repetition whose count can vary by this much or more is "long" for the adjacency check. */
const LONG_RANGE = 16;

type RepeatNode = Extract<Node, { type: 'repeat' }>;

function isLong(n: RepeatNode): boolean {
  return n.max - n.min >= LONG_RANGE;
}

/** Whether matching `n` involves a choice (alternatives, a variable repetition), lookarounds aside. */
function hasChoice(n: Node): boolean {
  switch (n.type) {
    case 'alt':
      return true;
    case 'repeat':
      return n.max > n.min || hasChoice(n.body);
    case 'group':
      return hasChoice(n.body);
    case 'seq':
      return n.items.some(hasChoice);
    default:
      return false;
  }
}

/** The same pattern read backwards (sequences reversed), for lookbehinds. */
function reversed(n: Node): Node {
  switch (n.type) {
    case 'seq':
      return { ...n, items: n.items.map(reversed).reverse() };
    case 'alt':
      return { ...n, branches: n.branches.map(reversed) };
    case 'group':
    case 'repeat':
      return { ...n, body: reversed(n.body) };
    default:
      return n;
  }
}

class Checker {
  private readonly infos = new Map<Node, Info>();

  constructor(private readonly src: string) {}

  text(n: Node): string {
    return this.src.slice(n.start, n.end);
  }

  info(n: Node): Info {
    let i = this.infos.get(n);
    if (i) return i;
    switch (n.type) {
      case 'char':
        i = { first: n.set(), nullable: false };
        break;
      case 'assert':
      case 'look':
        i = { first: EMPTY, nullable: true };
        break;
      case 'backref':
        i = { first: ANY, nullable: true };
        break;
      case 'group':
        i = this.info(n.body);
        break;
      case 'repeat': {
        const b = this.info(n.body);
        i = { first: n.max === 0 ? EMPTY : b.first, nullable: n.min === 0 || b.nullable };
        break;
      }
      case 'alt': {
        const bs = n.branches.map((b) => this.info(b));
        i = { first: union(...bs.map((b) => b.first)), nullable: bs.some((b) => b.nullable) };
        break;
      }
      case 'seq': {
        const firsts: CharSet[] = [];
        let nullable = true;
        for (const item of n.items) {
          const ii = this.info(item);
          firsts.push(ii.first);
          if (!ii.nullable) {
            nullable = false;
            break;
          }
        }
        i = { first: union(...firsts), nullable };
        break;
      }
    }
    this.infos.set(n, i);
    return i;
  }

  private readonly lasts = new Map<Node, CharSet>();

  /** Characters a match of the node can end with. */
  last(n: Node): CharSet {
    let l = this.lasts.get(n);
    if (l) return l;
    switch (n.type) {
      case 'char':
      case 'backref':
        l = this.info(n).first;
        break;
      case 'assert':
      case 'look':
        l = EMPTY;
        break;
      case 'group':
        l = this.last(n.body);
        break;
      case 'repeat':
        l = n.max === 0 ? EMPTY : this.last(n.body);
        break;
      case 'alt':
        l = union(...n.branches.map((b) => this.last(b)));
        break;
      case 'seq': {
        const ends: CharSet[] = [];
        for (let k = n.items.length - 1; k >= 0; k--) {
          ends.push(this.last(n.items[k]));
          if (!this.info(n.items[k]).nullable) break;
        }
        l = union(...ends);
        break;
      }
    }
    this.lasts.set(n, l);
    return l;
  }

  /**
   * The long repetitions a match of `n` can begin with (`fromEnd`: end with), through parts that
   * can match nothing: `x*`, `(?:x*|y)`, `(?:-?x+)`, and `(?:ab*)?` for `b*` at its end.
   */
  edges(n: Node, fromEnd: boolean): RepeatNode[] {
    const memo = fromEnd ? this.endEdges : this.startEdges;
    let e = memo.get(n);
    if (!e) memo.set(n, (e = this.findEdges(n, fromEnd)));
    return e;
  }

  private readonly startEdges = new Map<Node, RepeatNode[]>();
  private readonly endEdges = new Map<Node, RepeatNode[]>();

  private findEdges(n: Node, fromEnd: boolean): RepeatNode[] {
    switch (n.type) {
      case 'group':
        return this.edges(n.body, fromEnd);
      case 'repeat': {
        const own = isLong(n) && this.info(n.body).first.length > 0 ? [n] : [];
        return n.max === 0 ? [] : own.concat(this.edges(n.body, fromEnd));
      }
      case 'alt':
        return n.branches.flatMap((b) => this.edges(b, fromEnd));
      case 'seq': {
        const out: RepeatNode[] = [];
        const items = fromEnd ? n.items.slice().reverse() : n.items;
        for (const item of items) {
          out.push(...this.edges(item, fromEnd));
          if (!this.info(item).nullable) break;
        }
        return out;
      }
      default:
        return [];
    }
  }

  /** Whether text can move from the end of `a`'s match to the start of `b`'s. */
  canShare(a: RepeatNode, b: RepeatNode): boolean {
    return intersects(this.info(a.body).first, this.info(b.body).first) && intersects(this.last(a.body), this.last(b.body));
  }

  /** Long repetitions next to each other (optional parts between) that can match the same text. */
  adjacent(n: Node): RegexHazard | undefined {
    switch (n.type) {
      case 'group':
      case 'repeat':
        return this.adjacent(n.body);
      case 'look':
        return this.adjacent(n.body);
      case 'alt':
        for (const b of n.branches) {
          const h = this.adjacent(b);
          if (h) return h;
        }
        return undefined;
      case 'seq': {
        for (const item of n.items) {
          const h = this.adjacent(item);
          if (h) return h;
        }
        for (let i = 0; i < n.items.length; i++) {
          const before = this.edges(n.items[i], true);
          if (before.length === 0) continue;
          for (let j = i + 1; j < n.items.length; j++) {
            for (const b of this.edges(n.items[j], false)) {
              const a = before.find((r) => this.canShare(r, b));
              if (a) {
                return {
                  reason: `"${this.text(a)}" and "${this.text(b)}" can match the same characters one after the other, and the engine tries every way to split a run between them`,
                  advice: 'merge them into one repetition, or make them match different characters',
                  growth: 'polynomial',
                };
              }
            }
            if (!this.info(n.items[j]).nullable) break;
          }
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** The first choice point in `n` that one character of look-ahead cannot decide. */
  walk(n: Node, follow: CharSet, outer: Node): RegexHazard | undefined {
    const group = `"${this.text(outer)}"`;
    switch (n.type) {
      case 'group':
        return this.walk(n.body, follow, outer);
      case 'seq': {
        // What can follow each item: the next one, and past it while they can match nothing.
        const follows: CharSet[] = new Array(n.items.length);
        let next = follow;
        for (let k = n.items.length - 1; k >= 0; k--) {
          follows[k] = next;
          const ii = this.info(n.items[k]);
          next = ii.nullable ? union(ii.first, next) : ii.first;
        }
        for (let k = 0; k < n.items.length; k++) {
          const h = this.walk(n.items[k], follows[k], outer);
          if (h) return h;
        }
        return undefined;
      }
      case 'alt': {
        const ahead = n.branches.map((b) => {
          const bi = this.info(b);
          return bi.nullable ? union(bi.first, follow) : bi.first;
        });
        let seen = EMPTY;
        for (let b = 0; b < ahead.length; b++) {
          if (intersects(seen, ahead[b])) {
            const a = ahead.findIndex((s) => intersects(s, ahead[b]));
            return {
              reason: `the alternatives "${this.text(n.branches[a])}" and "${this.text(n.branches[b])}" in the repeated group ${group} can start with the same character`,
              advice: 'rewrite it so that alternatives inside a repetition start with different characters',
            };
          }
          seen = union(seen, ahead[b]);
        }
        for (const b of n.branches) {
          const h = this.walk(b, follow, outer);
          if (h) return h;
        }
        return undefined;
      }
      case 'repeat': {
        const body = this.info(n.body);
        if (n.max > n.min && intersects(body.first, follow)) {
          return n.max > 1
            ? { reason: `a repeated group ${group} that itself repeats`, advice: 'rewrite it without nested repetition' }
            : {
                reason: `the optional "${this.text(n)}" in the repeated group ${group} can match the same characters as what follows it`,
                advice: 'rewrite it so that each repetition can match the text only one way',
              };
        }
        return this.walk(n.body, n.max > 1 ? union(body.first, follow) : follow, outer);
      }
      default:
        return undefined;
    }
  }

  /** Checks every repetition that can run more than once; lookarounds as patterns of their own. */
  scan(n: Node): RegexHazard | undefined {
    switch (n.type) {
      case 'group':
        return this.scan(n.body);
      case 'look':
        // The engine matches a lookbehind from right to left: check it the way it runs.
        return this.scan(n.behind ? reversed(n.body) : n.body);
      case 'seq':
      case 'alt':
        for (const c of n.type === 'seq' ? n.items : n.branches) {
          const h = this.scan(c);
          if (h) return h;
        }
        return undefined;
      case 'repeat': {
        if (n.max > 1 && hasChoice(n.body)) {
          // Inside the body, what can follow its end is the body's next repetition.
          const h = this.walk(n.body, this.info(n.body).first, n.body);
          if (h) return h;
        }
        return this.scan(n.body);
      }
      default:
        return undefined;
    }
  }
}

/**
 * Why a regular expression (one that `new RegExp(source, flags)` accepts) can take exponential
 * time, or undefined when the check finds nothing. `flags` matter: with "i", "A" and "a" overlap.
 */
export function regexHazard(source: string, flags = ''): RegexHazard | undefined {
  let tree: Node;
  try {
    tree = new Parser(source, flags).parse();
  } catch (e) {
    if (e instanceof TooDeep) return { reason: `groups nested more than ${MAX_NESTING} deep`, advice: 'simplify it' };
    throw e;
  }
  const checker = new Checker(source);
  return checker.scan(tree) ?? checker.adjacent(tree);
}

/** The one-line message for a rules file, quoting the pattern as the user wrote it. */
export function regexHazardMessage(pattern: string, hazard: RegexHazard): string {
  const shown = pattern.length > 80 ? `${pattern.slice(0, 77)}…` : pattern;
  const growth = hazard.growth === 'polynomial' ? 'polynomial time in the length of a cell' : 'exponential time';
  return `regular expression "${shown.replace(/[\r\n]+/g, ' ')}" can take ${growth} (${hazard.reason.replace(/[\r\n]+/g, ' ')}); ${hazard.advice}`;
}
