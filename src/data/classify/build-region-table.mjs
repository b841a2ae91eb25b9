#!/usr/bin/env node
/**
 * Regenerates region-table.json from the GeoNames postal code dumps (CC BY 4.0).
 *
 *   node src/data/classify/build-region-table.mjs <dir with geonames-zipcodes.{de,at,ch}.csv>
 *
 * GeoNames spells the same state several ways (Bayern/BY and Bavaria/02, "Land Berlin"), so
 * every row is first mapped to an ISO 3166-2 subdivision code. Each postcode takes the state
 * most of its rows name; then each prefix (1, 2, 3 digits) takes the state most of its
 * postcodes have, and is written only where it differs from its parent prefix; a full postcode
 * is written only where it differs from its 3-digit prefix. The lookup walks the same chain
 * backwards (full code → 3 → 2 → 1 digits), so the file stays small and a postcode missing
 * from the dump still gets its prefix's state.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

/** ISO 3166-2 code → the name leadkit writes, plus every spelling GeoNames uses (and common aliases). */
const SUBDIVISIONS = {
  DE: {
    'DE-BW': ['Baden-Württemberg', 'Baden-Wuerttemberg', 'Baden-Wurttemberg'],
    'DE-BY': ['Bayern', 'Bavaria'],
    'DE-BE': ['Berlin', 'Land Berlin'],
    'DE-BB': ['Brandenburg'],
    'DE-HB': ['Bremen', 'Freie Hansestadt Bremen'],
    'DE-HH': ['Hamburg', 'Freie und Hansestadt Hamburg'],
    'DE-HE': ['Hessen', 'Hesse'],
    'DE-MV': ['Mecklenburg-Vorpommern', 'Mecklenburg-Western Pomerania', 'Mecklenburg-West Pomerania'],
    'DE-NI': ['Niedersachsen', 'Lower Saxony'],
    'DE-NW': ['Nordrhein-Westfalen', 'North Rhine-Westphalia', 'NRW'],
    'DE-RP': ['Rheinland-Pfalz', 'Rhineland-Palatinate'],
    'DE-SL': ['Saarland'],
    'DE-SN': ['Sachsen', 'Saxony', 'Freistaat Sachsen'],
    'DE-ST': ['Sachsen-Anhalt', 'Saxony-Anhalt'],
    'DE-SH': ['Schleswig-Holstein'],
    'DE-TH': ['Thüringen', 'Thuringia', 'Thueringen', 'Freistaat Thüringen'],
  },
  AT: {
    'AT-1': ['Burgenland'],
    'AT-2': ['Kärnten', 'Carinthia', 'Kaernten'],
    'AT-3': ['Niederösterreich', 'Lower Austria', 'Niederoesterreich', 'NÖ'],
    'AT-4': ['Oberösterreich', 'Upper Austria', 'Oberoesterreich', 'OÖ'],
    'AT-5': ['Salzburg'],
    'AT-6': ['Steiermark', 'Styria'],
    'AT-7': ['Tirol', 'Tyrol'],
    'AT-8': ['Vorarlberg'],
    'AT-9': ['Wien', 'Vienna'],
  },
  // Cantons are named in their own official language (bilingual ones in the majority language).
  CH: {
    'CH-AG': ['Aargau', 'Kanton Aargau', 'Argovie'],
    'CH-AR': ['Appenzell Ausserrhoden', 'Kanton Appenzell Ausserrhoden'],
    'CH-AI': ['Appenzell Innerrhoden', 'Kanton Appenzell Innerrhoden'],
    'CH-BL': ['Basel-Landschaft', 'Kanton Basel-Landschaft', 'Basel-Land'],
    'CH-BS': ['Basel-Stadt', 'Kanton Basel-Stadt'],
    'CH-BE': ['Bern', 'Canton de Berne', 'Berne', 'Kanton Bern'],
    'CH-FR': ['Fribourg', 'Canton de Fribourg', 'Freiburg', 'Kanton Freiburg'],
    'CH-GE': ['Genève', 'Geneva', 'Genf', 'Geneve'],
    'CH-GL': ['Glarus', 'Kanton Glarus'],
    'CH-GR': ['Graubünden', 'Kanton Graubünden', 'Grisons', 'Graubuenden'],
    'CH-JU': ['Jura'],
    'CH-LU': ['Luzern', 'Kanton Luzern', 'Lucerne'],
    'CH-NE': ['Neuchâtel', 'Neuenburg', 'Neuchatel'],
    'CH-NW': ['Nidwalden', 'Kanton Nidwalden'],
    'CH-OW': ['Obwalden', 'Kanton Obwalden'],
    'CH-SH': ['Schaffhausen', 'Kanton Schaffhausen'],
    'CH-SZ': ['Schwyz', 'Kanton Schwyz'],
    'CH-SO': ['Solothurn', 'Kanton Solothurn'],
    'CH-SG': ['St. Gallen', 'Kanton St. Gallen', 'Sankt Gallen', 'St Gallen'],
    'CH-TG': ['Thurgau', 'Kanton Thurgau'],
    'CH-TI': ['Ticino', 'Tessin'],
    'CH-UR': ['Uri', 'Kanton Uri'],
    'CH-VD': ['Vaud', 'Canton de Vaud', 'Waadt'],
    'CH-VS': ['Valais', 'Canton du Valais', 'Wallis'],
    'CH-ZG': ['Zug', 'Kanton Zug'],
    'CH-ZH': ['Zürich', 'Kanton Zürich', 'Zurich', 'Zuerich'],
  },
};

function majority(counts) {
  // Most frequent; ties go to the alphabetically first code so reruns give the same file.
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
}

function buildCountry(cc, csvText) {
  const byName = new Map();
  for (const [code, names] of Object.entries(SUBDIVISIONS[cc])) for (const n of names) byName.set(n, code);
  const rows = parse(csvText, { columns: true, skip_empty_lines: true });
  const perCode = new Map();
  for (const r of rows) {
    if (!r.state) continue;
    const iso = byName.get(r.state);
    if (!iso) throw new Error(`${cc}: unknown state name "${r.state}" (postcode ${r.zipcode})`);
    const counts = perCode.get(r.zipcode) ?? new Map();
    counts.set(iso, (counts.get(iso) ?? 0) + 1);
    perCode.set(r.zipcode, counts);
  }
  const stateOf = new Map([...perCode].map(([code, counts]) => [code, majority(counts)]));
  const short = (iso) => iso.slice(3);

  const prefixes = {};
  const resolved = new Map(); // prefix → state after the parent chain
  for (const len of [1, 2, 3]) {
    const counts = new Map();
    for (const [code, iso] of stateOf) {
      const p = code.slice(0, len);
      const c = counts.get(p) ?? new Map();
      c.set(iso, (c.get(iso) ?? 0) + 1);
      counts.set(p, c);
    }
    for (const [p, c] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const state = majority(c);
      const parent = len === 1 ? undefined : resolved.get(p.slice(0, len - 1));
      resolved.set(p, state);
      if (state !== parent) prefixes[p] = short(state);
    }
  }
  const exceptions = {};
  for (const [code, iso] of [...stateOf].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (resolved.get(code.slice(0, 3)) !== iso) exceptions[code] = short(iso);
  }
  const names = {};
  const aliases = {};
  for (const [iso, list] of Object.entries(SUBDIVISIONS[cc])) {
    names[short(iso)] = list[0];
    aliases[short(iso)] = list.slice(1);
  }
  return { postcodes: stateOf.size, names, aliases, prefixes, exceptions };
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: build-region-table.mjs <dir with geonames-zipcodes.{de,at,ch}.csv>');
  process.exit(2);
}
const out = {
  source: 'GeoNames postal codes (https://www.geonames.org), CC BY 4.0, via github.com/zauberware/postal-codes-json-xml-csv',
  countries: {},
};
for (const cc of ['DE', 'AT', 'CH']) {
  const text = fs.readFileSync(path.join(dir, `geonames-zipcodes.${cc.toLowerCase()}.csv`), 'utf8');
  out.countries[cc] = buildCountry(cc, text);
}
const target = path.join(path.dirname(new URL(import.meta.url).pathname), 'region-table.json');
fs.writeFileSync(target, JSON.stringify(out, null, 1) + '\n');
for (const [cc, t] of Object.entries(out.countries)) {
  console.error(`${cc}: ${t.postcodes} postcodes → ${Object.keys(t.prefixes).length} prefixes, ${Object.keys(t.exceptions).length} exceptions`);
}
