// Deterministic synthetic lead list for benchmarks: German/Austrian/Swiss B2B leads with the
// mess real vendor lists have (quoted fields with delimiters, varied phone formats, umlauts,
// empty cells). Same seed and size → byte-identical file.
import fs from 'node:fs';

export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Thomas', 'Katharina', 'Jürgen', 'Anna-Lena', 'Stefan', 'Sabine', 'Lukas', 'Julia', 'Michael', 'Maria', 'Peter', 'Andreas', 'Christina', 'Felix', 'Elif', 'Jan', 'Laura', 'Markus', 'Ursula', 'Sophie'];
const LAST = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Weiß', 'Huber', 'Gruber', 'Meier', 'Köhler'];
const FORMS = ['GmbH', 'GmbH & Co. KG', 'AG', 'KG', 'e.K.', 'UG (haftungsbeschränkt)', 'OHG', 'GbR', 'SE'];
const TRADES = ['Holzbau', 'Elektrotechnik', 'Maschinenbau', 'Logistik', 'IT Solutions', 'Metallbau', 'Druck', 'Immobilien', 'Consulting', 'Software'];
const TITLES = ['Geschäftsführer', 'Leiterin Einkauf', 'Head of Sales', 'IT-Leiter', 'Sachbearbeiter (m/w/d)', 'Inhaber', 'CFO', 'Assistenz der Geschäftsführung', 'Marketing Manager', ''];
const CITIES = [
  ['10115', 'Berlin', 'Deutschland', '030'],
  ['80331', 'München', 'Deutschland', '089'],
  ['20095', 'Hamburg', 'Deutschland', '040'],
  ['50667', 'Köln', 'Deutschland', '0221'],
  ['01067', 'Dresden', 'Deutschland', '0351'],
  ['60311', 'Frankfurt am Main', 'Deutschland', '069'],
  ['1010', 'Wien', 'Österreich', '01'],
  ['8001', 'Zürich', 'Schweiz', '044'],
];
const STREETS = ['Hauptstr.', 'Bahnhofstraße', 'Industriestr.', 'Am Markt', 'Gartenweg', 'Leopoldstraße', 'Mariahilfer Straße', 'Str. des 17. Juni'];

export const HEADER = ['Anrede', 'Vorname', 'Nachname', 'Firma', 'Position', 'E-Mail', 'Telefon', 'Mobil', 'Straße', 'PLZ', 'Ort', 'Land', 'Branche', 'Mitarbeiter', 'Umsatz', 'Einwilligung E-Mail', 'Bemerkung'];

export function* generateRows(n, seed = 42) {
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  for (let i = 0; i < n; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const trade = pick(TRADES);
    const company = r() < 0.9 ? `${last} ${trade} ${pick(FORMS)}` : '';
    const [plz, city, country, area] = pick(CITIES);
    const domain = `${last.toLowerCase().replace(/ü/g, 'ue').replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ß/g, 'ss')}-${trade.toLowerCase().replace(/\s+/g, '')}.de`;
    const email = r() < 0.95 ? `${first[0].toLowerCase()}.${i}@${domain}` : '';
    const num = String(1000000 + Math.floor(r() * 8999999));
    const phone = r() < 0.5 ? `${area} ${num}` : r() < 0.5 ? `+49 (0)${area.slice(1)} ${num}` : `${area}/${num}`;
    yield [
      r() < 0.5 ? 'Herr' : 'Frau',
      first,
      last,
      company,
      pick(TITLES),
      email,
      phone,
      r() < 0.3 ? `0171 ${num}` : '',
      `${pick(STREETS)} ${1 + Math.floor(r() * 200)}`,
      plz,
      city,
      country,
      trade,
      String(Math.floor(r() * 500)),
      r() < 0.3 ? `${(r() * 50).toFixed(1).replace('.', ',')} Mio. €` : '',
      r() < 0.6 ? 'ja' : 'nein',
      r() < 0.1 ? 'Rückruf; "dringend"' : '',
    ];
  }
}

const q = (v) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Write n rows as a `;`-separated UTF-8 CSV, like a German vendor export. */
export async function writeList(file, n, seed = 42) {
  const out = fs.createWriteStream(file);
  let buf = HEADER.join(';') + '\r\n';
  for (const row of generateRows(n, seed)) {
    buf += row.map(q).join(';') + '\r\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise((res) => out.once('drain', res));
      buf = '';
    }
  }
  out.end(buf);
  await new Promise((res) => out.on('finish', res));
}
