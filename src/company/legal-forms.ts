/**
 * The legal-form table: every alias of every form (rigour org types + ISO 20275 abbreviations,
 * see src/data/legal-forms/README.md), indexed by its token sequence. Loaded on first use.
 */
import { readDataJson } from './data-file.js';
import { companyTokens } from './tokens.js';

export interface LegalForm {
  /** Canonical spelling, e.g. "GmbH", "GmbH & Co. KG", "Sp. z o.o.". */
  display: string;
  /** Cross-country family: LLC, JSC, LP, GP, SP, NGO, COOP, … ('' when the source gives none). */
  generic: string;
}

interface LegalFormFile {
  forms: { display: string; generic: string | null; aliases: string[] }[];
}

interface Index {
  byTokens: Map<string, LegalForm>;
  maxTokens: number;
}

/**
 * Forms that stand in front of the name in their countries ("AB Volvo", "OOO Gazprom",
 * "PT Telkom"). Elsewhere only the end of a name is searched: a leading "AG" or "SE" is more often
 * part of the name than a form.
 */
const PREFIX_FORMS = new Set(['ab', 'as', 'oy', 'oyj', 'sia', 'uab', 'ooo', 'ao', 'zao', 'oao', 'pao', 'pt', 'tov']);

let index: Index | undefined;

function load(): Index {
  if (index) return index;
  const file = readDataJson<LegalFormFile>('legal-forms/legal-forms.json');
  const byTokens = new Map<string, LegalForm>();
  let maxTokens = 1;
  const forms = file.forms.map((f) => ({ form: { display: f.display, generic: f.generic ?? '' }, aliases: f.aliases }));
  const register = (text: string, form: LegalForm) => {
    const tokens = companyTokens(text);
    if (tokens.length === 0) return;
    const k = tokens.join(' ');
    if (!byTokens.has(k)) byTokens.set(k, form);
    if (tokens.length > maxTokens) maxTokens = tokens.length;
  };
  // A form's own name beats another form's alias ("SA" is the SA, whatever else lists it); among
  // equals the table's order decides, and it lists the European reading first.
  for (const { form } of forms) register(form.display, form);
  for (const { form, aliases } of forms) for (const alias of aliases) register(alias, form);
  index = { byTokens, maxTokens };
  return index;
}

export interface FormMatch {
  form: LegalForm;
  /** Number of tokens the form covers. */
  length: number;
}

/** The longest legal form ending the token list, leaving at least `keep` tokens in front. */
export function legalFormAtEnd(tokens: string[], keep = 1): FormMatch | undefined {
  const { byTokens, maxTokens } = load();
  for (let n = Math.min(maxTokens, tokens.length - keep); n >= 1; n--) {
    const form = byTokens.get(tokens.slice(tokens.length - n).join(' '));
    if (form) return { form, length: n };
  }
  return undefined;
}

/** A legal form that precedes the name in its country, leaving at least `keep` tokens after it. */
export function legalFormAtStart(tokens: string[], keep = 1): FormMatch | undefined {
  if (tokens.length <= keep || !PREFIX_FORMS.has(tokens[0])) return undefined;
  const form = load().byTokens.get(tokens[0]);
  return form ? { form, length: 1 } : undefined;
}

/** Look up one written legal form ("G.m.b.H.", "Ltd.") in the table. */
export function lookupLegalForm(text: string): LegalForm | undefined {
  const tokens = companyTokens(text);
  return tokens.length ? load().byTokens.get(tokens.join(' ')) : undefined;
}
