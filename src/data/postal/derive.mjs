#!/usr/bin/env node
/**
 * Derives the compact postal tables src/address loads from the GeoNames postal code dumps:
 *
 *   node src/data/postal/derive.mjs <dir with geonames-zipcodes.{de,at,ch,li,lu}.csv>
 *
 * Writes postal-codes.tsv (country, code, state code, places, flag) and states.tsv (country,
 * state code, state name) next to this script. Only what the address checks and a PLZ → region
 * classifier need is kept: no coordinates, no districts (Kreise), no company names.
 *
 * Choices worth knowing:
 * - German rows with a numeric state code are GeoNames' entries for large-volume recipients
 *   (Großkunden-PLZ: "Deutsche Telekom AG", "Finanzamt Stuttgart 2"). Their "place" is the
 *   recipient, not a town, so it is dropped; a code that has only such rows is flagged L and gets
 *   a town only when the community column names one unambiguously ("Kreisfreie Stadt München").
 *   Their state names and codes (English names, numeric codes) are mapped to the regular ones.
 * - State codes are the ISO 3166-2 subdivision suffixes: DE "BY", AT "9", CH "ZH", LI "11",
 *   LU "CA". GeoNames' numeric LI and zero-padded AT codes are converted accordingly.
 * - Place names are cleaned: "Wien, Innere Stadt" → "Wien", "Klagenfurt,08.Bez.:…" →
 *   "Klagenfurt", Swiss post office numbers "Bern 9" / "Bern 60 UPD" → "Bern", "Mauren FL" →
 *   "Mauren". Municipality (community) names are added for AT, CH and, when they name a town,
 *   for DE, because addresses often give the municipality rather than the locality.
 *
 * Data © GeoNames (geonames.org), CC BY 4.0 — see NOTICE.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const sourceDir = process.argv[2];
if (!sourceDir) {
  console.error('usage: derive.mjs <dir with geonames-zipcodes.*.csv>');
  process.exit(2);
}
const outDir = dirname(fileURLToPath(import.meta.url));

/** RFC 4180 CSV: quoted fields may contain commas and doubled quotes. */
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
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}

/** GeoNames admin1 codes for Germany (used by the large-volume recipient rows) → ISO 3166-2:DE. */
const DE_NUMERIC = {
  '01': 'BW', '02': 'BY', '03': 'HB', '04': 'HH', '05': 'HE', '06': 'NI', '07': 'NW', '08': 'RP',
  '09': 'SL', '10': 'SH', '11': 'BB', '12': 'MV', '13': 'SN', '14': 'ST', '15': 'TH', '16': 'BE',
};
const DE_STATES = {
  BW: 'Baden-Württemberg', BY: 'Bayern', BE: 'Berlin', BB: 'Brandenburg', HB: 'Bremen', HH: 'Hamburg',
  HE: 'Hessen', MV: 'Mecklenburg-Vorpommern', NI: 'Niedersachsen', NW: 'Nordrhein-Westfalen',
  RP: 'Rheinland-Pfalz', SL: 'Saarland', SN: 'Sachsen', ST: 'Sachsen-Anhalt', SH: 'Schleswig-Holstein',
  TH: 'Thüringen',
};
/** ISO 3166-2:LI numbers the eleven municipalities alphabetically. */
const LI_CODES = {
  Balzers: '01', Eschen: '02', Gamprin: '03', Mauren: '04', Planken: '05', Ruggell: '06', Schaan: '07',
  Schellenberg: '08', Triesen: '09', Triesenberg: '10', Vaduz: '11',
};
/** English community names GeoNames uses for a few German towns. */
const DE_EXONYMS = { Nuremberg: 'Nürnberg', Munich: 'München', Cologne: 'Köln' };

function cleanPlace(country, place) {
  let p = place.split(',')[0].trim();
  if (country === 'CH') p = p.replace(/\s+\d+(?:\s+[A-Z][A-Za-z]*)*$/, '');
  if (country === 'LI') p = p.replace(/\s+FL$/, '');
  return p.replace(/\s+/g, ' ');
}

/** A German community entry that names a town rather than a district, or ''. */
function germanTown(community, knownPlaces) {
  const c = community.trim();
  let m = /^(?:Kreisfreie Stadt|Stadtkreis)\s+(.+)$/.exec(c);
  if (m) return m[1];
  m = /^([^,]+),\s*(?:Stadt|Freie und Hansestadt|Freie Hansestadt)$/.exec(c);
  if (m) return m[1];
  if (DE_EXONYMS[c]) return DE_EXONYMS[c];
  return knownPlaces.has(c) ? c : '';
}

const byCountry = {};
for (const cc of ['de', 'at', 'ch', 'li', 'lu']) {
  byCountry[cc.toUpperCase()] = parseCsv(readFileSync(join(sourceDir, `geonames-zipcodes.${cc}.csv`), 'utf8'));
}

const states = new Map(); // "CC\tcode" → name
const lines = [];
const stats = {};

for (const [country, rows] of Object.entries(byCountry)) {
  const codes = new Map(); // code → { places: Set, stateVotes: Map, regular: boolean, communities: Set }
  const isRecipient = (r) => country === 'DE' && /^\d+$/.test(r.state_code);
  const knownPlaces = new Set(rows.filter((r) => !isRecipient(r)).map((r) => cleanPlace(country, r.place)));

  for (const r of rows) {
    const code = country === 'LU' ? r.zipcode.replace(/^L-/, '') : r.zipcode;
    let entry = codes.get(code);
    if (!entry) {
      entry = { places: new Set(), recipientTowns: new Set(), votes: new Map(), recipientVotes: new Map(), regular: false };
      codes.set(code, entry);
    }
    let stateCode = r.state_code;
    let stateName = r.state;
    if (country === 'DE') {
      stateCode = DE_NUMERIC[stateCode] ?? stateCode;
      stateName = DE_STATES[stateCode] ?? '';
    } else if (country === 'AT') {
      stateCode = String(Number(stateCode));
    } else if (country === 'LI') {
      stateCode = LI_CODES[stateName] ?? '';
    }
    if (stateCode && stateName) states.set(`${country}\t${stateCode}`, stateName);

    if (isRecipient(r)) {
      const town = germanTown(r.community, knownPlaces);
      if (town) entry.recipientTowns.add(town);
      if (stateCode) entry.recipientVotes.set(stateCode, (entry.recipientVotes.get(stateCode) ?? 0) + 1);
      continue;
    }
    entry.regular = true;
    entry.places.add(cleanPlace(country, r.place));
    if (country === 'DE') {
      const town = germanTown(r.community, new Set());
      if (town) entry.places.add(town);
    } else if (r.community && !/^Gemeindebezirk\b/.test(r.community)) {
      entry.places.add(cleanPlace(country, r.community));
    }
    if (stateCode) entry.votes.set(stateCode, (entry.votes.get(stateCode) ?? 0) + 1);
  }

  const majority = (votes) => [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  let recipientOnly = 0;
  for (const code of [...codes.keys()].sort()) {
    const e = codes.get(code);
    const places = e.regular ? [...e.places] : [...e.recipientTowns];
    const state = e.regular ? majority(e.votes) : majority(e.recipientVotes);
    if (!e.regular) recipientOnly++;
    lines.push([country, code, state, places.filter(Boolean).join('|'), e.regular ? '' : 'L'].join('\t'));
  }
  stats[country] = { codes: codes.size, recipientOnly };
}

const header = [
  '# Postal codes of DE, AT, CH, LI and LU derived from the GeoNames postal code dump by derive.mjs.',
  '# Data © GeoNames (geonames.org), licensed CC BY 4.0. Do not edit by hand; re-run derive.mjs.',
  '# Columns: country, postal code, state code (ISO 3166-2 suffix), places (|-separated),',
  '# flag (L = code of a large-volume recipient only, the town may be unknown).',
];
writeFileSync(join(outDir, 'postal-codes.tsv'), `${header.join('\n')}\n${lines.join('\n')}\n`);
const stateLines = [...states.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}\t${v}`);
writeFileSync(
  join(outDir, 'states.tsv'),
  `# State names for the codes in postal-codes.tsv (GeoNames, CC BY 4.0; German states normalised to their German names).\n# Columns: country, state code, state name.\n${stateLines.join('\n')}\n`,
);
console.error(JSON.stringify(stats));
