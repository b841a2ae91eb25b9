/**
 * Split a single name field into salutation, academic title, first and last name, the way
 * German and English lists write them: "Herr Dr. Thomas Müller", "Müller, Thomas",
 * "Prof. Dr.-Ing. Anna-Lena von der Heide", "Thomas Müller, MBA".
 */
export interface NameParts {
  salutation: string;
  academic_title: string;
  first_name: string;
  last_name: string;
}

const SALUTATIONS = new Map<string, string>([
  ['herr', 'Herr'],
  ['herrn', 'Herr'],
  ['hr', 'Herr'],
  ['frau', 'Frau'],
  ['fr', 'Frau'],
  ['mr', 'Mr'],
  ['mrs', 'Mrs'],
  ['ms', 'Ms'],
  ['miss', 'Miss'],
  ['mx', 'Mx'],
  ['sir', 'Sir'],
  ['madame', 'Madame'],
  ['monsieur', 'Monsieur'],
  ['mme', 'Madame'],
  ['m', 'Monsieur'],
  ['signora', 'Signora'],
  ['signor', 'Signor'],
]);

/** Academic titles and degrees, compared without dots, dashes and case. */
const TITLES = new Set([
  'dr', 'ddr', 'prof', 'professor', 'univprof', 'privdoz', 'drmed', 'drrernat', 'drphil', 'drjur', 'dring', 'drrerpol', 'drmeddent', 'drhc', 'med', 'rer', 'nat', 'phil', 'jur', 'pol', 'dent', 'vet', 'hc', 'mult',
  'dipl', 'diplom', 'dipling', 'diplkfm', 'diplkff', 'diplkauffrau', 'diplkaufm', 'diplvw', 'diplbetrw', 'diplinf', 'diplphys', 'diplchem', 'diplpsych', 'diplwirtsching', 'diplwiing', 'ing', 'di', 'mag', 'magrernat', 'dkfm',
  'mba', 'phd', 'msc', 'bsc', 'ma', 'ba', 'llm', 'beng', 'meng', 'mphil', 'emba', 'jr', 'sr', 'ii', 'iii',
]);

/** Particles that start a surname: "von der Heide", "van Dijk", "de la Cruz". */
const PARTICLES = new Set(['von', 'van', 'de', 'der', 'den', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'zu', 'zum', 'zur', 'vom', 'ten', 'ter', 'af', 'av', 'dos', 'das', 'y']);

/** The salutation one word of a name field stands for ("Herrn" → "Herr", "Mme" → "Madame"), or undefined. */
export function salutationWord(token: string): string | undefined {
  return SALUTATIONS.get(bare(token));
}

/** Whether a word is a surname particle ("von", "van", "de", "zu"), in any case. */
export function isParticle(token: string): boolean {
  return PARTICLES.has(token.toLowerCase());
}

function bare(token: string): string {
  return token.toLowerCase().replace(/[.\-]/g, '');
}

/** Whether one word of a name field is an academic title or degree ("Dr.", "Dipl.-Ing.", "MBA"). */
export function isTitle(token: string): boolean {
  const b = bare(token);
  if (b === '') return false;
  if (TITLES.has(b)) return true;
  // "Dipl.-Ing.", "Dr.-Ing.", "Dipl.-Betriebsw." and other abbreviated German degrees.
  return /^(dipl|dr|prof)\./i.test(token) && token.endsWith('.');
}

export function splitFullName(input: string): NameParts {
  const out: NameParts = { salutation: '', academic_title: '', first_name: '', last_name: '' };
  let text = input.replace(/\s+/g, ' ').trim();
  if (text === '') return out;
  const titles: string[] = [];

  // "Müller, Thomas" (last name first) vs "Thomas Müller, MBA" (a degree after the comma).
  let lastFirst: string | undefined;
  const comma = text.indexOf(',');
  if (comma !== -1) {
    const after = text.slice(comma + 1).trim();
    const afterTokens = after.split(' ').filter(Boolean);
    if (afterTokens.length > 0 && afterTokens.every(isTitle)) {
      titles.push(...afterTokens);
      text = text.slice(0, comma).trim();
    } else {
      lastFirst = text.slice(0, comma).trim();
      text = after;
    }
  }

  const tokens = text.split(' ').filter(Boolean);
  let i = 0;
  // Leading salutation and titles, in any order ("Herr Dr.", "Dr. Herr" does not happen but costs nothing).
  while (i < tokens.length) {
    const t = tokens[i];
    const sal = SALUTATIONS.get(bare(t));
    if (sal && !out.salutation && (tokens.length - i > 1 || lastFirst)) {
      out.salutation = sal;
      i++;
    } else if (isTitle(t) && (tokens.length - i > 1 || lastFirst)) {
      titles.push(t);
      i++;
    } else break;
  }
  // Trailing degrees: "Thomas Müller MBA".
  let end = tokens.length;
  while (end - 1 > i && isTitle(tokens[end - 1]) && bare(tokens[end - 1]).length > 1) {
    titles.unshift(tokens[end - 1]);
    end--;
  }
  const rest = tokens.slice(i, end);

  if (lastFirst !== undefined) {
    // The part before the comma may itself carry a title ("Dr. Müller, Thomas").
    const lt = lastFirst.split(' ').filter(Boolean);
    while (lt.length > 1 && isTitle(lt[0])) titles.push(lt.shift() as string);
    out.last_name = lt.join(' ');
    out.first_name = rest.join(' ');
  } else if (rest.length === 1) {
    out.last_name = rest[0];
  } else if (rest.length > 1) {
    // The surname starts at the first particle after the first given name, else it is the last token.
    let k = rest.length - 1;
    for (let j = 1; j < rest.length - 1; j++) {
      if (PARTICLES.has(rest[j].toLowerCase())) {
        k = j;
        break;
      }
    }
    out.first_name = rest.slice(0, k).join(' ');
    out.last_name = rest.slice(k).join(' ');
  }
  out.academic_title = titles.join(' ');
  return out;
}

/** Post-nominal degrees and generation suffixes: they follow a name, a name prefix column never holds them alone. */
const POST_NOMINALS = new Set(['mba', 'phd', 'msc', 'bsc', 'ma', 'ba', 'llm', 'beng', 'meng', 'mphil', 'emba', 'jr', 'sr', 'ii', 'iii']);

/**
 * A value that is only what stands in front of a name, as an export's "Title" or "Prefix"
 * column holds it: "Mr.", "Frau", "Dr.", "Herr Dr.", "Prof. Dr.-Ing.", "Mme". Undefined for
 * anything else ("Sales Manager", "CEO", "Geschäftsführer", a name).
 */
export function splitNamePrefix(value: string): { salutation: string; academic_title: string } | undefined {
  const tokens = value.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  if (tokens.length === 0 || tokens.length > 4) return undefined;
  let salutation = '';
  const titles: string[] = [];
  for (const t of tokens) {
    const sal = SALUTATIONS.get(bare(t));
    if (sal && !salutation) salutation = sal;
    else if (isTitle(t) && !POST_NOMINALS.has(bare(t))) titles.push(t);
    else return undefined;
  }
  return { salutation, academic_title: titles.join(' ') };
}
