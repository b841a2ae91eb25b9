#!/usr/bin/env node
/**
 * Derives legal-forms.json (the compact table src/company loads) from the two upstream lists:
 *
 *   node src/data/legal-forms/derive.mjs <rigour org_types.yml> <GLEIF ISO 20275 ELF csv>
 *
 * rigour supplies the organisation types with their spelling variants (GmbH, G.m.b.H.,
 * Gesellschaft mit beschränkter Haftung, GmbH u. Co. KG, …). ISO 20275 adds the official
 * abbreviations of European countries that rigour lacks (ApS, Oyj, Zrt., UAB, …). Only
 * abbreviations are taken from ISO: its long names include ordinary words ("Gemeinde", "Trust",
 * "Kanton") that would be cut off real company names.
 *
 * Aliases are stored as written; src/company normalises them with the same tokeniser it uses for
 * company names, so the two can never drift apart.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const [rigourPath, isoPath] = process.argv.slice(2);
if (!rigourPath || !isoPath) {
  console.error('usage: derive.mjs <org_types.yml> <iso20275-elf.csv>');
  process.exit(2);
}

/** European countries whose ISO abbreviations are added (EU, EEA, CH, GB). */
const EUROPE = new Set(
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK CH LI NO IS GB'.split(' '),
);

/**
 * Aliases that are too short or too ordinary to strip from a name: rigour lists "in" for Inc and
 * "Lt" for Ltd; "a.d." is also the German "an der" in place names; the ISO codes "EU", "Gen",
 * "Bund" are words.
 */
const DENY = new Set(['in', 'lt', 'll', 'lc', 'ad', 'eu', 'gen', 'bund', 'limite', 'kfm', 'kfr', 'sp', 'son', 'per', 'fon', 'tub', 'ed']);

/**
 * Two-letter ISO codes that rigour does not know are mostly collisions waiting to happen ("VI",
 * "PL", "SI" end real names); only these Nordic forms are common enough in lead lists to keep.
 */
const ISO_TWO_LETTER = new Set(['hb', 'kb']);

/** English forms neither list spells out, but vendor lists use all the time. */
const SUPPLEMENT = [
  { display: 'Corp.', generic: 'LLC', aliases: ['Corp.', 'Corp', 'Corporation'] },
  { display: 'Co.', generic: null, aliases: ['Co.', 'Co', 'Company', 'Comp.'] },
  { display: 'LLP', generic: 'LLP', aliases: ['LLP', 'L.L.P.', 'Limited Liability Partnership'] },
];

/**
 * Where one abbreviation names forms in several countries, the European reading wins: "SE" is the
 * Societas Europaea, not a Sociedad del Estado. These forms go first, and src/company registers
 * every form's own name before any alias, first come first served.
 */
const PRIORITY = ['SE', 'SpA', 'eG', 'SCE', 's.r.o.', 'Ltd', 'OOO', 'AO', 'SA', 'AG', 'GmbH'];

/** Lower-case displays in rigour that lists write capitalised. */
const DISPLAY_FIX = { oy: 'Oy', sce: 'SCE', bvba: 'BVBA', scpa: 'SCpA' };

const compact = (s) =>
  String(s)
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]/gu, '');

function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** An ISO abbreviation looks like one: dotted, or at least two capitals, or "eG"/"gGmbH". */
function looksLikeAbbreviation(s) {
  if (s.length > 20 || s.split(/\s+/).length > 4) return false;
  if (/[.&/]/.test(s)) return true;
  if ((s.match(/\p{Lu}/gu) ?? []).length >= 2) return true;
  return /^\p{Ll}+\p{Lu}/u.test(s);
}

const forms = [];
const byAlias = new Map();
function addForm(display, generic, aliases, source) {
  const form = { display, generic: generic || null, source, aliases: [] };
  forms.push(form);
  addAliases(form, [display, ...aliases]);
  return form;
}
function addAliases(form, aliases) {
  for (const a of aliases) {
    const s = String(a).trim();
    const c = compact(s);
    if (c.length < 2 || DENY.has(c)) continue;
    if (form.aliases.some((x) => x === s)) continue;
    form.aliases.push(s);
    if (!byAlias.has(c)) byAlias.set(c, form);
  }
}

const rigour = YAML.parse(readFileSync(rigourPath, 'utf8')).types;
for (const t of rigour) {
  const aliases = (t.aliases ?? []).map(String);
  const written = t.display ? String(t.display) : aliases[0];
  const display = DISPLAY_FIX[written] ?? written;
  const extra = t.compare ? [String(t.compare)] : [];
  addForm(display, t.generic, [...extra, ...aliases], 'rigour');
}
for (const s of SUPPLEMENT) addForm(s.display, s.generic, s.aliases, 'leadkit');

const [header, ...isoRows] = parseCsv(readFileSync(isoPath, 'utf8'));
const col = (name) => header.indexOf(name);
const cCountry = col('Country Code (ISO 3166-1)');
const cAbbr = col('Abbreviations Local language');
const cAbbrT = col('Abbreviations transliterated');
const cStatus = col('ELF Status ACTV/INAC');
let isoAdded = 0;
for (const r of isoRows) {
  if (!EUROPE.has(r[cCountry]) || r[cStatus] !== 'ACTV') continue;
  const abbrs = `${r[cAbbr] ?? ''};${r[cAbbrT] ?? ''}`
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s && looksLikeAbbreviation(s));
  for (const a of abbrs) {
    const c = compact(a);
    if (c.length < 2 || DENY.has(c)) continue;
    const known = byAlias.get(c);
    if (!known && c.length === 2 && !/\./.test(a) && !ISO_TWO_LETTER.has(c)) continue;
    if (known) {
      if (!known.aliases.includes(a)) known.aliases.push(a);
      continue;
    }
    addForm(a, null, [], 'iso20275');
    isoAdded++;
  }
}

forms.sort((a, b) => rank(a) - rank(b));
function rank(f) {
  const i = PRIORITY.indexOf(f.display);
  return i === -1 ? PRIORITY.length : i;
}

const out = {
  about:
    'Legal-form aliases for company-name keys. Derived by derive.mjs from rigour org_types.yml (MIT, OpenSanctions) and the ISO 20275 ELF list (GLEIF); see README.md.',
  forms: forms.map(({ display, generic, aliases }) => ({ display, generic, aliases })),
};
const target = join(dirname(fileURLToPath(import.meta.url)), 'legal-forms.json');
writeFileSync(target, JSON.stringify(out) + '\n');
console.error(`${forms.length} forms (${isoAdded} from ISO 20275), ${byAlias.size} distinct aliases -> ${target}`);
