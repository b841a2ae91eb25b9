/**
 * The matching key of a company name: "Müller Holzbau GmbH", "Mueller Holzbau G.m.b.H." and
 * "MÜLLER HOLZBAU" all have the key "mueller holzbau". The legal form is reported separately
 * (a weak signal: "GmbH" and "GmbH & Co. KG" of one family are often two entities), and so is a
 * branch suffix.
 */
import { splitBranch } from './branch.js';
import { legalFormAtEnd, legalFormAtStart, type LegalForm } from './legal-forms.js';
import { companyTokens } from './tokens.js';

export interface CompanyKey {
  /** Folded name without legal form, branch and leading article: "mueller holzbau". */
  key: string;
  /** Canonical legal form: "GmbH", "GmbH & Co. KG", "& Co. KG", … ('' when none was found). */
  legalForm: string;
  /** Cross-country family of the legal form (LLC, JSC, LP, …; '' when unknown). */
  legalFormType: string;
  /** The name as written minus the branch suffix, with whitespace tidied. */
  display: string;
  /** The branch suffix as written ("Niederlassung Köln"), '' when none. */
  branch: string;
}

/** Articles that lead a name without being part of it: "Die Bahn AG", "The Coca-Cola Company". */
const ARTICLES = new Set(['the', 'die', 'der', 'das']);

const EMPTY: CompanyKey = Object.freeze({ key: '', legalForm: '', legalFormType: '', display: '', branch: '' });

// Lead lists repeat company names heavily; keys are memoised, and the memo is dropped whole when it
// grows past the limit, which bounds memory on lists with millions of distinct names.
const MEMO_LIMIT = 500_000;
const memo = new Map<string, CompanyKey>();

export function companyKey(name: string): CompanyKey {
  if (name === undefined || name === null) return EMPTY;
  const hit = memo.get(name);
  if (hit) return hit;
  const result = computeKey(name);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(name, result);
  return result;
}

function computeKey(name: string): CompanyKey {
  const { base, branch } = splitBranch(name);
  let tokens = companyTokens(base);
  if (tokens.length === 0) return { ...EMPTY, display: base, branch };

  if (tokens.length > 1 && ARTICLES.has(tokens[0])) tokens = tokens.slice(1);

  // A name that is nothing but a legal-form word ("AG", "Limited") keeps it as its key.
  let form: LegalForm | undefined;
  let legalForm = '';
  const end = legalFormAtEnd(tokens);
  if (end) {
    form = end.form;
    legalForm = end.form.display;
    tokens = tokens.slice(0, tokens.length - end.length);
    // "Müller & Co. KG", "Mitsui & Company Ltd." (or the sloppy "Müller Co. KG"): the "& Co."
    // belongs to the form.
    const co = legalForm === 'Co.' ? undefined : legalFormAtEnd(tokens);
    if (co && co.form.display === 'Co.') {
      tokens = tokens.slice(0, tokens.length - co.length);
      legalForm = `& Co. ${legalForm}`;
    } else if (legalForm === 'Co.' && tokens.length > 1 && tokens[tokens.length - 1] === 'und') {
      legalForm = '& Co.';
    }
    while (tokens.length > 1 && tokens[tokens.length - 1] === 'und') tokens.pop();
  } else {
    const start = legalFormAtStart(tokens);
    if (start) {
      form = start.form;
      legalForm = start.form.display;
      tokens = tokens.slice(start.length);
    }
  }
  return { key: tokens.join(' '), legalForm, legalFormType: form?.generic ?? '', display: base, branch };
}
