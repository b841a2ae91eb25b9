import type { OptionSpec } from '../commands/types.js';
import { parseOptionValue, typedDefault } from '../commands/option-types.js';
import { UsageError } from '../errors.js';

/** What a flag string says: `--split-by <field>` → key splitBy, takes a value. */
export interface FlagInfo {
  /** kebab-case name as written in a pipeline file ("split-by", "formula-guard"). */
  name: string;
  /** camelCase key in the options object, as commander makes it. */
  key: string;
  takesValue: boolean;
  negated: boolean;
  repeatable: boolean;
}

export function flagInfo(spec: OptionSpec): FlagInfo {
  const long = /--([a-z0-9-]+)/i.exec(spec.flags)?.[1] ?? '';
  const negated = long.startsWith('no-');
  const name = negated ? long.slice(3) : long;
  const key = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return { name, key, takesValue: /[<[]/.test(spec.flags), negated, repeatable: Boolean(spec.repeatable) };
}

export type BindResult = { ok: true; opts: Record<string, unknown> } | { ok: false; key: string; message: string };

/**
 * Turn a pipeline step's YAML options into the options object commander would build from
 * the same flags, so a step behaves exactly like the command line. Keys are the long flag
 * names (kebab-case; camelCase is accepted too).
 */
export function bindOptions(specs: OptionSpec[], given: Record<string, unknown>): BindResult {
  const infos = specs.map(flagInfo);
  const opts: Record<string, unknown> = {};
  for (const [i, s] of specs.entries()) {
    const f = infos[i];
    if (f.negated) opts[f.key] = true;
    else if (s.default !== undefined) opts[f.key] = f.takesValue ? typedDefault(s) : s.default;
  }
  for (const [rawKey, value] of Object.entries(given)) {
    const f = infos.find((x) => x.name === rawKey || x.key === rawKey || `no-${x.name}` === rawKey);
    if (!f) return { ok: false, key: rawKey, message: `unknown option "${rawKey}" (known: ${infos.map((x) => x.name).join(', ')})` };
    const spec = specs[infos.indexOf(f)];
    if (!f.takesValue) {
      if (typeof value !== 'boolean') return { ok: false, key: rawKey, message: `option "${rawKey}" is a switch: write true or false` };
      opts[f.key] = rawKey.startsWith('no-') ? !value : value;
      continue;
    }
    // A repeatable name=value option may be written as a mapping: cost: { vendor-de: 1200, messe: 0 }.
    const pairs = f.repeatable && value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) ? Object.entries(value as Record<string, unknown>) : undefined;
    if (pairs?.some(([, v]) => v === null || typeof v === 'object')) return { ok: false, key: rawKey, message: `option "${rawKey}" as a mapping takes a value per name (name: value)` };
    const list = pairs ? pairs.map(([k, v]) => `${k}=${String(v)}`) : Array.isArray(value) ? value : [value];
    if (list.some((v) => v === null || typeof v === 'object')) return { ok: false, key: rawKey, message: `option "${rawKey}" takes a value (text or number)` };
    const strings = list.map((v) => String(v));
    if (!f.repeatable && strings.length !== 1) return { ok: false, key: rawKey, message: `option "${rawKey}" takes one value` };
    if (spec.choices && strings.some((v) => !spec.choices?.includes(v))) return { ok: false, key: rawKey, message: `option "${rawKey}" must be one of ${spec.choices.join(', ')}` };
    // The same parser per type as on the command line (option-types.ts).
    let values: unknown[];
    try {
      values = strings.map((v) => parseOptionValue(spec, v));
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      return { ok: false, key: rawKey, message: err.message.replace(/^--[a-z0-9-]+/i, `option "${rawKey}"`) };
    }
    opts[f.key] = f.repeatable ? values : values[0];
  }
  return { ok: true, opts };
}
