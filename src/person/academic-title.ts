/**
 * Academic titles as a letter salutation uses them. A list writes them every way ("Prof. Dr. med.",
 * "Prof.Dr.", "Dr.-Ing.", "Dr. rer. nat.", "Dr. h.c. mult.", "DDr.", "Univ.-Prof.", "Dipl. Ing.",
 * "DI (FH)", "Mag.a", "MBA", "PhD"); a salutation needs only three facts:
 *  - prof: a professorship of any kind (Prof., Professor, Univ.-Prof., Hon.-Prof., apl. Prof.);
 *  - dr: a doctorate (Dr. with any faculty or "h.c.", DDr., Dr. Dr.) — said once: a salutation
 *    never repeats it ("Prof. Dr. Dr." is addressed "Prof. Dr.");
 *  - austrian: the degree titles Austria uses in address (Mag., Mag.a, DI, Dipl.-Ing., Ing.), as
 *    the salutation writes them, in the order given;
 *  - the Austrian forms of the doctorate and professorship as written (DDr., Dr.in, DDr.in,
 *    Prof.in): an Austrian salutation says them so ("Sehr geehrte Frau Dr.in Huber"), a German
 *    one says "Dr." and "Prof.".
 * DI is read only from the academic_title column (readRowAcademicTitles), in capitals: in a name
 * field "DI" is as likely the particle of "DI MAIO" written in capitals.
 * Everything else is a degree that is not said in a salutation: Dipl.-Kfm., Dipl.-Betriebsw.,
 * Bakk., Priv.-Doz. and the post-nominal grades (MBA, PhD, MSc, BSc, LL.M., M.A.). A PhD stays
 * out although it is a doctorate: a list cannot tell whether its holder uses the title. The US
 * physicians' degrees (M.D., D.D.S., D.M.D., D.V.M.) count as "Dr.", as addressing them goes.
 * Dutch "drs." (doctorandus) is a master's degree, not a doctorate.
 */

export interface AcademicTitles {
  prof: boolean;
  dr: boolean;
  /** "Mag.", "Mag.a", "DI", "Dipl.-Ing.", "Ing." in the order written. */
  austrian: string[];
  /** The doctorate as Austria writes it when the list does: "DDr.", "Dr.in", "DDr.in"; '' for plain Dr. */
  austrianDr: string;
  /** The professorship as Austria writes it when the list does: "Prof.in"; '' for plain Prof. */
  austrianProf: string;
}

export const NO_TITLES: AcademicTitles = Object.freeze({ prof: false, dr: false, austrian: Object.freeze([]) as unknown as string[], austrianDr: '', austrianProf: '' });

/** Bare forms (lower case, no dots, dashes or brackets) of the professor titles. */
const PROF = new Set(['prof', 'professor', 'professorin', 'profin', 'univprof', 'univprofin', 'honprof', 'aplprof']);
/**
 * Bare forms of a doctorate without a faculty ("Dr.med.", "Dr.-Ing." are read by their start),
 * and the US physicians' degrees (M.D., D.D.S., D.M.D., D.V.M.), whose holders are addressed as Dr.
 */
const DOCTOR = new Set(['dr', 'ddr', 'drdr', 'drin', 'ddrin', 'doktor', 'doctor', 'dres', 'md', 'dds', 'dmd', 'dvm']);
/** The Austrian forms of a doctorate and a professorship, by bare form, as the salutation writes them. */
const AUSTRIAN_DR = new Map<string, string>([
  ['ddr', 'DDr.'],
  ['drin', 'Dr.in'],
  ['ddrin', 'DDr.in'],
]);
const AUSTRIAN_PROF = new Map<string, string>([
  ['profin', 'Prof.in'],
  ['univprofin', 'Prof.in'],
]);
const AUSTRIAN = new Map<string, string>([
  ['mag', 'Mag.'],
  ['maga', 'Mag.a'],
  ['di', 'DI'],
  ['dipling', 'Dipl.-Ing.'],
  ['ing', 'Ing.'],
]);

function bare(token: string): string {
  return token.toLowerCase().replace(/[.\-()]/g, '');
}

/**
 * The tokens of a title text: spelled-out spaces normalised ("Dipl. Ing." is one degree, as is
 * "Dr. - Ing."), "(FH)"/"(TU)" qualifiers dropped, run-together titles split ("Prof.Dr." is two, "M.D." one).
 */
function tokens(text: string): string[] {
  return text
    .replace(/\((?:FH|TU|TH|Univ\.?|BA|WU)\)/gi, ' ')
    .replace(/\bDipl\.?\s*-?\s*Ing\.?(?=\s|$|,|\()/gi, ' Dipl.-Ing. ')
    .replace(/\bDr\.?\s*-\s*Ing\.?/gi, ' Dr.-Ing. ')
    .split(/[\s,;/]+|(?<=\.)(?=\p{Lu}\p{Ll})/u)
    .filter((t) => t !== '');
}

function isDoctor(token: string, b: string): boolean {
  if (DOCTOR.has(b)) return true;
  // "Dr.med.", "Dr.-Ing.", "Dr.rer.nat.": a doctorate named by its faculty; "Drs." is not one.
  return /^D?Dr[.-]/i.test(token) && b !== 'drs';
}

/** `di`: whether a capital DI counts (the academic_title column); elsewhere it is a name's "Di". */
function readTitles(text: string, di: boolean): AcademicTitles {
  const out: AcademicTitles = { prof: false, dr: false, austrian: [], austrianDr: '', austrianProf: '' };
  let previous = '';
  for (const t of tokens(text)) {
    const b = bare(t);
    if (b === '') continue;
    if (PROF.has(b)) {
      out.prof = true;
      if (!out.austrianProf) out.austrianProf = AUSTRIAN_PROF.get(b) ?? '';
    }
    if (isDoctor(t, b)) {
      out.dr = true;
      if (!out.austrianDr) out.austrianDr = AUSTRIAN_DR.get(b) ?? '';
    }
    // "Ing." right after "Dr." belongs to it ("Dr. Ing."), as "med." does.
    const austrian = AUSTRIAN.get(b);
    if (austrian && !(b === 'ing' && previous === 'dr') && !out.austrian.includes(austrian)) {
      // DI is written in capitals; a "Di" is the particle of a name ("Di Maio").
      if (b !== 'di' || (di && t === 'DI')) out.austrian.push(austrian);
    }
    previous = b;
  }
  return out;
}

const memo = new Map<string, AcademicTitles>();

function cachedTitles(text: string, di: boolean): AcademicTitles {
  if (text === '') return NO_TITLES;
  const key = di ? text : `\u0000${text}`;
  let r = memo.get(key);
  if (r === undefined) {
    r = readTitles(text, di);
    if (memo.size >= 10_000) memo.clear();
    memo.set(key, r);
  }
  return r;
}

/** The salutation facts of one or more title texts ("Prof. Dr. med.", "Dipl.-Ing. Mag.", "DI"). */
export function readAcademicTitles(...texts: string[]): AcademicTitles {
  return cachedTitles(texts.filter((t) => t && t.trim() !== '').join(' '), true);
}

/**
 * A row's titles: its academic_title column, where a capital DI is the Austrian degree, and the
 * other places a list leaves titles (the salutation cell "Frau Dr.", titles taken out of the name
 * fields), where DI is not read. The academic_title column's forms come first.
 */
export function readRowAcademicTitles(academicTitle: string, ...others: string[]): AcademicTitles {
  const a = cachedTitles((academicTitle ?? '').trim(), true);
  const b = cachedTitles(others.filter((t) => t && t.trim() !== '').join(' '), false);
  if (b === NO_TITLES) return a;
  if (a === NO_TITLES) return b;
  return {
    prof: a.prof || b.prof,
    dr: a.dr || b.dr,
    austrian: [...a.austrian, ...b.austrian.filter((t) => !a.austrian.includes(t))],
    austrianDr: a.austrianDr || b.austrianDr,
    austrianProf: a.austrianProf || b.austrianProf,
  };
}

/** Rank of an Austrian degree title in a salutation: an engineering or master's degree outranks Ing. */
function rank(title: string): number {
  return title === 'Ing.' ? 1 : 2;
}

/**
 * The titles a German salutation says, in order: "Prof.", "Dr.", or both ("Prof. Dr."). With
 * `austrian`, they are said in the Austrian form the list wrote ("DDr.", "Dr.in", "Prof.in"),
 * and a row without either gets its highest Austrian degree title ("Mag.", "DI", "Dipl.-Ing.",
 * else "Ing."; the first written of equal rank), the custom there; a doctorate or professorship
 * outranks them, so "DI Dr. Huber" is addressed "Dr. Huber".
 */
export function germanSalutationTitles(t: AcademicTitles, austrian: boolean): string[] {
  const out: string[] = [];
  if (t.prof) out.push((austrian && t.austrianProf) || 'Prof.');
  if (t.dr) out.push((austrian && t.austrianDr) || 'Dr.');
  if (out.length === 0 && austrian && t.austrian.length > 0) {
    let best = t.austrian[0];
    for (const a of t.austrian) if (rank(a) > rank(best)) best = a;
    out.push(best);
  }
  return out;
}

/**
 * The title an English salutation says instead of Mr or Ms: "Professor" (written out, as English
 * letters do), else "Dr" ("Dr." with `dotted`, the US style); '' for none.
 */
export function englishSalutationTitle(t: AcademicTitles, dotted: boolean): string {
  if (t.prof) return 'Professor';
  if (t.dr) return dotted ? 'Dr.' : 'Dr';
  return '';
}
