import { LineCounter, isAlias, isCollection, isPair, isScalar, parseDocument, type Document, type Node } from 'yaml';

/**
 * Parsing the YAML (and JSON) files users hand to leadkit — rules, pipeline and `--map` files —
 * with limits, so that a hostile or broken file gives one line naming the position instead of a
 * hang, a stack trace or a cyclic object. Pure: callers read the file and turn YamlInputError
 * into their own error (file:line[:col]).
 *
 * What is refused, and why:
 *  - syntax errors, as `yaml` reports them (its messages, first line only);
 *  - collections nested deeper than MAX_NESTING: converting and validating recurse, and no
 *    configuration needs that depth (`yaml` itself reports a document so deep that composing
 *    it overflows the stack, which is rephrased here);
 *  - "billion laughs" documents, where anchors refer to anchors until the expanded value no
 *    longer fits in memory: `yaml`'s own limit, maxAliasCount, is what toJS applies, and the
 *    same count is kept here while walking the document so that the error can name the alias
 *    where it trips (toJS throws a ReferenceError without a position);
 *  - more than MAX_ALIASES aliases at all: `yaml` resolves each alias by a scan over all of them,
 *    so tens of thousands of aliases to an empty list pass maxAliasCount and still take minutes;
 *  - an alias inside the node it refers to (`a: &a [*a]`), which would build a cyclic value that
 *    every later step recurses into, and an alias without an anchor before it.
 */

/** yaml's maxAliasCount: roughly, how many values aliases may expand to, nested ones multiplied. */
export const MAX_ALIAS_COUNT = 100;
export const MAX_ALIASES = 1000;
export const MAX_NESTING = 64;

export class YamlInputError extends Error {
  constructor(
    /** The problem without its position. */
    public readonly reason: string,
    public readonly line: number,
    public readonly col: number,
  ) {
    super(reason);
    this.name = 'YamlInputError';
  }
}

export interface ParsedYaml {
  doc: Document.Parsed;
  lc: LineCounter;
  /** The whole document as plain data (aliases resolved). */
  value: unknown;
  /** Line and column (1-based) of a node. */
  at(node: Node | null | undefined): { line: number; col: number };
  /** One node of the document as plain data, aliases resolved within the same limits. */
  toJS(node: Node): unknown;
}

/** Throws YamlInputError; never returns a document with errors. Duplicate keys are errors. */
export function parseYaml(text: string): ParsedYaml {
  const lc = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true });
  } catch (e) {
    throw new YamlInputError(firstLine(e), 1, 1);
  }
  const at = (node: Node | null | undefined) => lc.linePos(node?.range?.[0] ?? 0);
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const pos = err.linePos?.[0] ?? lc.linePos(err.pos[0]);
    throw new YamlInputError(firstLine(err), pos.line, pos.col);
  }
  checkStructure(doc, at);
  const convert = (run: () => unknown): unknown => {
    try {
      return run();
    } catch (e) {
      // checkStructure mirrors yaml's limits, so this is a fallback for what it did not foresee.
      if (e instanceof ReferenceError || e instanceof RangeError) throw new YamlInputError(firstLine(e), 1, 1);
      throw e;
    }
  };
  const value = convert(() => doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
  return { doc, lc, value, at, toJS: (node) => convert(() => node.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT })) };
}

function firstLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  // yaml's pretty messages repeat the position and quote the source on the following lines.
  const line = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return /Maximum call stack size exceeded/.test(line) ? `nested too deeply (more than ${MAX_NESTING} levels)` : line;
}

interface AnchorUse {
  count: number;
  aliasCount: number;
}

/**
 * Walks the document in the order toJS converts it (pre-order, keys before values), without
 * recursion, checking nesting and aliases. The alias arithmetic is yaml's (nodes/Alias.js):
 * an anchored node starts at count 1, each alias to it adds 1, and fails once count times the
 * node's own alias weight (the largest count × weight of an alias inside it, 1 for plain data)
 * exceeds maxAliasCount.
 */
function checkStructure(doc: Document.Parsed, at: (node: Node | null | undefined) => { line: number; col: number }): void {
  const fail = (node: Node, reason: string): never => {
    const { line, col } = at(node);
    throw new YamlInputError(reason, line, col);
  };
  const anchors = new Map<string, Node>();
  const uses = new Map<Node, AnchorUse>();
  const open = new Set<Node>();
  let aliases = 0;

  const weight = (node: unknown): number => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      const use = target && uses.get(target);
      return use ? use.count * use.aliasCount : 0;
    }
    if (isCollection(node)) return node.items.reduce((m: number, item) => Math.max(m, weight(item)), 0);
    if (isPair(node)) return Math.max(weight(node.key), weight(node.value));
    return 1;
  };

  type Step = { node: unknown; depth: number } | { close: Node };
  const stack: Step[] = [{ node: doc.contents, depth: 0 }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    if ('close' in step) {
      open.delete(step.close);
      continue;
    }
    const { node, depth } = step;
    if (isPair(node)) {
      stack.push({ node: node.value, depth }, { node: node.key, depth });
      continue;
    }
    if (isAlias(node)) {
      if (++aliases > MAX_ALIASES) fail(node, `more than ${MAX_ALIASES} aliases (*name); write the values out instead`);
      const target = anchors.get(node.source);
      if (!target) fail(node, `alias *${node.source} has no anchor &${node.source} before it`);
      if (open.has(target!)) fail(node, `alias *${node.source} is inside the value it refers to`);
      const use = uses.get(target!)!;
      use.count += 1;
      if (use.aliasCount === 0) use.aliasCount = weight(target);
      if (use.count * use.aliasCount > MAX_ALIAS_COUNT) {
        fail(node, `alias *${node.source} expands the document beyond ${MAX_ALIAS_COUNT} copies (anchors that repeat anchors); write the values out instead`);
      }
      continue;
    }
    if (!isCollection(node) && !isScalar(node)) continue;
    if (node.anchor) {
      anchors.set(node.anchor, node);
      uses.set(node, { count: 1, aliasCount: 0 });
    }
    if (isCollection(node)) {
      if (depth + 1 > MAX_NESTING) fail(node, `nested too deeply (more than ${MAX_NESTING} levels)`);
      open.add(node);
      stack.push({ close: node });
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], depth: depth + 1 });
    }
  }
}
