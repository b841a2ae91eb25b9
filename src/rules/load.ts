import { LineCounter, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { LeadkitError, EXIT } from '../errors.js';
import { parseYaml, YamlInputError, type ParsedYaml } from '../io/yaml-doc.js';
import { RulesSchema, type Rules } from './schema.js';
import { Condition } from './common.js';
import type { ConditionSpec } from '../score/conditions.js';

/**
 * Loading a rules file: YAML or JSON text in, validated Rules out, or a RulesError that points
 * at the line and column of the offending key or value. The caller reads the file; this module
 * never touches the file system.
 */

/** A rules-file problem with its position; `display` is "file:line:col: message". */
export class RulesError extends LeadkitError {
  constructor(
    file: string,
    line: number,
    public readonly col: number,
    /** The problem without its position. */
    public readonly reason: string,
  ) {
    super('E_RULES', reason, EXIT.data, file, line);
    this.name = 'RulesError';
  }

  override get display(): string {
    return `${this.file}:${this.line}:${this.col}: ${this.reason}`;
  }
}

interface Located {
  node: Node | undefined;
  /** The key node when the path ends at a map entry (better target for "unknown key"). */
  keyNode: Node | undefined;
  /** False when the path leads to a key that is not in the file (a missing required key). */
  complete: boolean;
}

/** Walks a zod issue path through the YAML tree as far as the file goes. */
function locate(doc: Document, path: readonly PropertyKey[]): Located {
  let node = doc.contents as Node | null;
  let keyNode: Node | undefined;
  let last: Node | undefined = node ?? undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      if (!pair) return { node: last, keyNode: undefined, complete: false };
      keyNode = pair.key as Node;
      node = (pair.value as Node | null) ?? null;
      last = node ?? keyNode;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)] as Node | undefined;
      if (!item) return { node: last, keyNode: undefined, complete: false };
      keyNode = undefined;
      node = item;
      last = item;
    } else {
      return { node: last, keyNode: undefined, complete: false };
    }
  }
  return { node: last, keyNode, complete: true };
}

function position(lc: LineCounter, node: Node | undefined): { line: number; col: number } {
  const offset = node?.range?.[0] ?? 0;
  return lc.linePos(offset);
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/** One zod issue as a RulesError at the node it is about. */
function toError(file: string, doc: Document, lc: LineCounter, iss: z.core.$ZodIssue): RulesError {
  const where = pathText(iss.path);
  if (iss.code === 'unrecognized_keys') {
    // Point at the first unknown key itself, not at the map that holds it.
    const at = locate(doc, [...iss.path, iss.keys[0]]);
    const { line, col } = position(lc, at.keyNode ?? at.node);
    return new RulesError(file, line, col, where ? `${where}: ${iss.message}` : iss.message);
  }
  const at = locate(doc, iss.path);
  const { line, col } = position(lc, at.node);
  let message = iss.message;
  if (!at.complete && iss.code === 'invalid_type' && iss.input === undefined) {
    const missing = String(iss.path[iss.path.length - 1]);
    const parent = pathText(iss.path.slice(0, -1));
    return new RulesError(file, line, col, `${parent ? `${parent}: ` : ''}missing required key "${missing}"`);
  }
  if (iss.code === 'invalid_type' && iss.input === null) message = `${message.replace(/, received null$/, '')} (the value is empty)`;
  return new RulesError(file, line, col, where ? `${where}: ${message}` : message);
}

/**
 * A key with no value ("route:" with everything below commented out) means the same as a key
 * left out: the default applies. Empty list items stay and are reported.
 */
function dropEmptyKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropEmptyKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = dropEmptyKeys(v);
  return out;
}

/**
 * Parses and validates a rules file. `file` is only used in error messages. YAML 1.2 is a
 * superset of JSON, so one parser reads both and reports positions the same way. An empty
 * file is valid and means "all defaults".
 */
export function parseRules(text: string, file: string): Rules {
  return parseChecked(text, file, RulesSchema, 'a rules file must be a mapping with sections as_of, classify, score, route, suppress', true);
}

/**
 * Parses a file holding one condition (`filter --where-file`): a mapping of field + op + value,
 * or all / any / not, checked and positioned like a condition in the rules file.
 */
export function parseConditionFile(text: string, file: string): ConditionSpec {
  return parseChecked(text, file, Condition, 'a condition file is a mapping: field + op (+ value), or all / any / not', false);
}

function parseChecked<T>(text: string, file: string, schema: z.ZodType<T>, notMapping: string, emptyIsDefault: boolean): T {
  let parsed: ParsedYaml;
  try {
    // Limits on nesting and aliases included: a rules file may come from anyone (src/io/yaml-doc.ts).
    parsed = parseYaml(text);
  } catch (err) {
    if (!(err instanceof YamlInputError)) throw err;
    throw new RulesError(file, err.line, err.col, `invalid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${err.reason}`);
  }
  const { doc, lc } = parsed;
  const data = dropEmptyKeys(parsed.value) ?? (emptyIsDefault ? {} : undefined);
  if (data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    const { line, col } = position(lc, doc.contents ?? undefined);
    throw new RulesError(file, line, col, notMapping);
  }
  const result = schema.safeParse(data, { reportInput: true });
  if (!result.success) {
    // Report the issue that comes first in the file, so fixing top to bottom works.
    const errors = result.error.issues.map((iss) => toError(file, doc, lc, iss));
    errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.col - b.col);
    throw errors[0];
  }
  return result.data;
}

/** The built-in rules, as if an empty rules file had been given. */
export function defaultRules(): Rules {
  return parseRules('', '(defaults)');
}

/**
 * The as_of date to score with: the command-line override, else the rules file's, else today
 * (all yyyy-mm-dd).
 */
export function resolveAsOf(rules: Rules, today: string, override?: string): string {
  return override ?? rules.as_of ?? today;
}
