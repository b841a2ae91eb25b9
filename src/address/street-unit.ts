/**
 * The unit part of a street line: the apartment, suite, floor or building that lists write next
 * to the street ("123 Main St Apt 4B", "33 W Monroe St, Suite 2400", "Flat 3, 12 High Street",
 * "Calle Mayor 5, 3º izq", "Via Roma 12, scala B, int. 5", "Storgatan 3 B lgh 1102",
 * "Vesterbrogade 12, 3. th."). It is taken out of the street so that street and house number
 * compare and print cleanly, and is handed back whole (address_unit), never dropped.
 *
 * Not here: the floor, stair and door forms that German-language addresses write as part of the
 * house number ("12/Top 4", "12, 3. OG", "1/2/3"); street.ts keeps those in the house number.
 *
 * Two kinds of unit:
 * - named: a designator and an identifier ("Apt 4B", "Suite E08-100", "#12", "2nd Floor",
 *   "Bât. A", "int. 5", "lgh 1102"). They stand anywhere after the street, or first, before a
 *   comma ("Flat 3, 12 High Street").
 * - bare: forms that only read as a unit right after a house number ("5, 3º izq", "12, 3. th.",
 *   "12 hs", "12-III", Finnish "12 B 34", Norwegian "3 B H0101", Swedish "3, 2 tr").
 */

export interface UnitSplit {
  /** The street line without its unit parts (trimmed). */
  rest: string;
  /** The unit parts as written, ', '-joined when there were several places; '' for none. */
  unit: string;
}

/** An identifier: "4B", "200", "2/1", "E08-100", "A". Five digits are a ZIP ("IL 60302"), not a unit. */
const ID = String.raw`(?:(?:[a-z]{1,2}-?)?\d{1,4}[a-z]?(?:[-/.]\d{1,4}[a-z]?)?|[a-z](?!\p{L}))`;
const ID_DIGITS = String.raw`(?:[a-z]{1,2}-?)?\d{1,4}[a-z]?(?:[-/.]\d{1,4}[a-z]?)?`;

/**
 * Designators that mark a unit wherever they stand ("Main St Apt 4B", "Suite 200"). No street
 * is named after them.
 */
const ANYWHERE = ['apt', 'apts', 'apartment', 'appt', 'appartement', 'suite', 'unit', 'flat', 'room', 'bldg', 'building', 'level', 'lvl', 'pmb', 'lgh', 'lägenhet'].join('|');
/** As ANYWHERE, with an identifier that holds a digit: "Ste" is also Sainte, "Fl" a state code. */
const ANYWHERE_DIGIT = ['ste', 'fl', 'flr', 'floor', 'rm'].join('|');
/**
 * Designators that are also words of street names ("Calle del Portal", "Am Piano", "Rue de la
 * Porte"): a unit only right after a house number ("Calle Mayor 5, portal 3") or first, before a
 * number-first street ("Bât. A, 12 rue de la Paix").
 */
const AFTER_NUMBER = [
  'office', 'shop', 'bât', 'bat', 'bâtiment', 'batiment', 'escalier', 'esc', 'porte', 'logement', 'lgt',
  'interno', 'scala', 'edificio', 'palazzina', 'pal', 'piso', 'puerta', 'pta', 'escalera', 'portal', 'planta',
  'local', 'bloque', 'blq', 'bus', 'bte', 'boîte', 'boite', 'leil', 'leilighet', 'uppg', 'uppgång', 'vån', 'våning',
].join('|');
const AFTER_NUMBER_DIGIT = ['int', 'étage', 'etage', 'piano'].join('|');

/** Ordinal floors: "2nd Floor", "1st Fl", "3e étage", "3° piano", "ground floor". */
const FLOOR = String.raw`(?:\d{1,3}\s*(?:st|nd|rd|th|e|è|ème|eme|er|re|°|º|ª)\.?\s*(?:floor|flr|fl|étage|etage|ét|piano|planta|piso)\.?|ground\s+floor|piano\s+terra|rez-de-chaussée)`;

const NUMBERED = String.raw`\.?\s*(?:no\.?\s*|#\s*)?`;
const END = String.raw`(?![\p{L}\d])`;
/** A unit that marks itself. */
const NAMED = String.raw`(?:(?:${ANYWHERE})${NUMBERED}${ID}|(?:${ANYWHERE_DIGIT})${NUMBERED}${ID_DIGITS}|#\s*${ID}|${FLOOR})${END}`;
/** A unit only after a house number or in front of a number-first street. */
const NAMED_AFTER = String.raw`(?:(?:${AFTER_NUMBER})${NUMBERED}${ID}|(?:${AFTER_NUMBER_DIGIT})${NUMBERED}${ID_DIGITS})${END}`;

/** Spanish, Portuguese and Italian floor and side ("3º izq", "2ª", "1º D", "3º Esq", "3° B"). */
const ORDINAL_DOOR = String.raw`\d{1,2}\s*[º°ª]\.?(?:\s*(?:izq(?:uierda|da)?|dcha|dch|drcha|der(?:echa)?|ctro|centro|int|ext|esq(?:do)?|dto|dt|dir|drt|fte|frente)\.?|\s*[a-z](?!\p{L}))?`;
/** Danish floor and side ("3. th.", "st. tv.", "2. sal", "kl. mf."). */
const DANISH = String.raw`(?:\d{1,2}\.?|st\.|st|kl\.|kl)\s*(?:th|tv|mf)\.?|\d{1,2}\.\s*sal`;
/** Bare words: Spanish ground floor and attic, French rdc, Dutch ground floor and upper floors. */
const BARE_WORDS = String.raw`(?:bajos?|ático|atico|entlo\.?|entresuelo|rdc|hs|huis|II|III|IV)`;
/** Norwegian flat number ("H0101") and Swedish floor ("2 tr"). */
const NORDIC = String.raw`[hklu]\d{4}|\d{1,2}\s*tr\.?`;

const BARE = String.raw`(?:${NAMED_AFTER}|(?:${ORDINAL_DOOR}|${DANISH}|${BARE_WORDS}|${NORDIC})${END})`;
/** Finnish stair and flat ("12 B 34", "12 as 5"): only on Finnish rows, elsewhere "B 34" may be a road. */
const FINNISH = String.raw`(?:[a-z]\s*\d{1,3}|as\.?\s*\d{1,3})(?![\p{L}\d])`;

const ANY = (country: string): string => `(?:${NAMED}|${BARE}${country === 'FI' ? `|${FINNISH}` : ''})`;
const SEP = String.raw`(?:\s*,\s*|\s+)`;

/** A house number at the end of the text before a bare unit: "5", "12a", "3 B", "s/n". */
const HOUSE_BEFORE = String.raw`(?:\d{1,5}(?:\s?[a-z])?|s/n)`;

function tails(country: string): { named: RegExp; bare: RegExp } {
  let t = TAILS.get(country);
  if (t === undefined) {
    const any = ANY(country);
    t = {
      named: new RegExp(String.raw`^(?<rest>.*?\p{L}.*?)${SEP}(?<unit>${NAMED}(?:${SEP}${any})*)$`, 'iu'),
      bare: new RegExp(
        String.raw`^(?<rest>.*?\p{L}.*?${HOUSE_BEFORE})(?:${SEP}|-)(?<unit>(?:${BARE}${country === 'FI' ? `|${FINNISH}` : ''})(?:${SEP}${any})*)$`,
        'iu',
      ),
    };
    TAILS.set(country, t);
  }
  return t;
}
const TAILS = new Map<string, { named: RegExp; bare: RegExp }>();

/** "Flat 3, 12 High Street", "Bât. A, 12 rue de la Paix", "Apt 5 12 Main St": a unit first, then the number. */
const LEADING_UNIT = new RegExp(
  String.raw`^(?<unit>(?:${NAMED}|${NAMED_AFTER})(?:${SEP}(?:${NAMED}|${NAMED_AFTER}))*)(?:\s*,\s*|\s+)(?<rest>\d.*\p{L}.*)$`,
  'iu',
);

/**
 * Building or site lines in front of a number-first street ("Hayes Center, 4859 S. Wabash",
 * "The Old Mill, 12 High Street", "Riverside Park Unit 5, 3 Mill Lane"): what stands before the
 * last comma, when it starts with a letter and a "<number> <street>" follows.
 */
const LEADING_LINE = /^(?<unit>\p{L}.*?)\s*,\s*(?<rest>\d{1,6}[a-z]?(?:\s*[-–]\s*\d{1,6}[a-z]?)?\s+\p{L}[^,]*)$/iu;

/**
 * Splits the unit parts off a street line (whitespace already collapsed). numberFirst: the
 * country writes the house number first, so a line in front of "<number> <street>" is a
 * building or site line.
 */
export function splitUnit(street: string, country: string, numberFirst: boolean): UnitSplit {
  if (street.length > 200) return { rest: street, unit: '' };
  let rest = street;
  let tailUnit = '';
  const { named, bare } = tails(country);
  const a = named.exec(rest);
  const b = bare.exec(rest);
  // The tail that starts earlier takes in more of the units.
  const tail = a?.groups && (!b?.groups || a.groups.rest.length <= b.groups.rest.length) ? a : b;
  if (tail?.groups) {
    tailUnit = tail.groups.unit;
    rest = tail.groups.rest.replace(/[\s,]+$/, '');
  }

  let leadUnit = '';
  const lead = LEADING_UNIT.exec(rest) ?? (numberFirst ? LEADING_LINE.exec(rest) : null);
  if (lead?.groups) {
    leadUnit = lead.groups.unit;
    rest = lead.groups.rest;
  }
  const units = [leadUnit, tailUnit].filter((u) => u !== '');
  return { rest: rest.trim(), unit: units.join(', ') };
}
