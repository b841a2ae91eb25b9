/**
 * `dedupe --save-model` / `--model`: the weights as JSON, so that a nightly job can pin the model
 * learnt from one good list instead of learning again from each night's (see learn.ts).
 *
 *   { "leadkit_model": 1, "model": { …every field of DEFAULT_MODEL… }, "nicknames": [["hias", "matthias"]], "learnt": { … }, "comparisons": [ … ] }
 *
 * "nicknames" are the given-name pairs learnt from the list's shared emails (learn-nicknames.ts),
 * used again with the weights. "learnt" (the anchor counts) and "comparisons" (the comparison
 * table with each level's m, u and bits, and what each learnt level was estimated from: the table
 * --explain prints) are written for the reader and ignored when the file is read back.
 */
import { DEFAULT_MODEL, type Model } from './model.js';
import type { Learnt } from './learn.js';
import type { Comparison } from './comparison-table.js';
import { modelTable } from './model-table.js';

export const MODEL_FILE_VERSION = 1;

export function modelJson(model: Model, learnt: Learnt | undefined, table: readonly Comparison[]): string {
  const out: Record<string, unknown> = { leadkit_model: MODEL_FILE_VERSION, model };
  if (learnt?.nicknames?.length) out.nicknames = learnt.nicknames;
  if (learnt) out.learnt = { anchorPairs: learnt.anchorPairs, nameAnchorPairs: learnt.nameAnchorPairs, randomPairs: learnt.randomPairs };
  out.comparisons = modelTable(table, model, learnt);
  return `${JSON.stringify(out, null, 2)}\n`;
}

/**
 * The model in a file's text. Throws a one-line message naming the first field that is missing or
 * not a number where DEFAULT_MODEL has one, so a hand-edited or truncated file is never half used.
 */
export interface ModelFile {
  model: Model;
  nicknames: [string, string][];
}

export function parseModelJson(text: string, file: string): ModelFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not a model file (${(err as Error).message})`);
  }
  const body = data && typeof data === 'object' && 'model' in data ? (data as { model: unknown }).model : data;
  fillAdded(body);
  check(DEFAULT_MODEL, body, file, 'model');
  return { model: body as Model, nicknames: readNicknames(data, file) };
}

function readNicknames(data: unknown, file: string): [string, string][] {
  const list = data && typeof data === 'object' && 'nicknames' in data ? (data as { nicknames: unknown }).nicknames : [];
  const ok = Array.isArray(list) && list.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'string' && x !== ''));
  if (!ok) throw new Error(`${file}: nicknames must be a list of name pairs, e.g. [["hias", "matthias"]]`);
  return list as [string, string][];
}

/**
 * Levels added after a model file's format was fixed. A file saved by an older leadkit lacks
 * them; they take their prior, so last year's pinned model keeps working after an upgrade.
 */
const ADDED_LEVELS: readonly (readonly string[])[] = [['extra', 'date', 'onePart'], ['listBits']];

function fillAdded(body: unknown): void {
  for (const path of ADDED_LEVELS) {
    let at = body as Record<string, unknown> | undefined;
    let def = DEFAULT_MODEL as unknown as Record<string, unknown>;
    for (const key of path.slice(0, -1)) {
      at = at && typeof at[key] === 'object' ? (at[key] as Record<string, unknown>) : undefined;
      def = def[key] as Record<string, unknown>;
    }
    const last = path[path.length - 1];
    if (at && !(last in at)) at[last] = structuredClone(def[last]);
  }
}

function check(shape: unknown, value: unknown, file: string, path: string): void {
  if (typeof shape === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${file}: ${path} must be a number`);
    return;
  }
  if (!value || typeof value !== 'object') throw new Error(`${file}: ${path} is missing`);
  for (const [k, v] of Object.entries(shape as Record<string, unknown>)) check(v, (value as Record<string, unknown>)[k], file, `${path}.${k}`);
}
