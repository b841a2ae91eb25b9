/**
 * A seeded generator of bought lead lists whose truth is known: which rows are one person (within
 * a list and across lists), which persons the CRM has, how old every record is, which emails are
 * broken, which persons are businesses and which private, what consent each row documents, who
 * asked not to be contacted, and what each list cost. The rows come in the shape `leadkit import`
 * writes (record_id, source, schema columns), so a test exercises the scorecard rather than the
 * header mapping; the CRM export comes with a CRM's own headers.
 *
 * Duplicates are written the way lists differ in practice (Müller / Mueller, an e-mail in
 * capitals, 030 … / +49 30 …, Str. / Straße), and some with a second e-mail address (a private
 * one), linked to the first by name, phone and address; different persons share neither e-mail,
 * phone, company nor address. Vendors leave the segment blank on a share of rows (classify's
 * reading then decides), record dates come as dates, German dates and timestamps, and some
 * persons on the do-not-contact list have a second address the list does not name.
 *
 * The generator only states facts of the rows; the rules an analyst counts by (who may be
 * contacted, who is a usable lead) are in scorecard-truth.ts.
 */
import { seeded } from './seeded.js';

const FIRST = ['Jürgen', 'Käthe', 'Sören', 'Jörg', 'Anna-Lena', 'Björn', 'Hannelore', 'Günter', 'Özlem', 'Thomas', 'Sabine', 'Dietmar', 'Ursula', 'Matthias', 'Renate', 'Lukas', 'Brigitte', 'Andreas', 'Christina', 'Stefan', 'Ingrid', 'Marek', 'Helga', 'Florian', 'Agnieszka', 'Wolfgang', 'Petra', 'Tobias', 'Elif', 'Konstantin'];
const LAST = ['Müller', 'Größ', 'Weiß', 'Schäfer', 'Köhler', 'Bäcker', 'Hübner', 'Jäger', 'Krüger', 'Wöhrle', 'Fuchs', 'Brandstätter', 'Pichler', 'Gruber', 'Hofbauer', 'Steiner', 'Moser', 'Lechner', 'Zimmermann', 'Vogel', 'Kowalski', 'Nowak', 'Yılmaz', 'Schröder', 'Lang', 'Öztürk', 'Bauer', 'Winkler', 'Eder', 'Haas'];
const COMPANY_WORDS = ['Alpen', 'Nord', 'Rhein', 'Donau', 'Elbe', 'Main', 'Isar', 'Spree', 'Mosel', 'Inn', 'Weser', 'Ems', 'Lahn', 'Saale', 'Mur', 'Enns'];
const COMPANY_KINDS = ['Holzbau', 'Metallbau', 'Logistik', 'Software', 'Druck', 'Elektro', 'Kältetechnik', 'Maschinenbau'];

/** Addresses the postal tables know (street without number, postcode, city), per country. */
const PLACES: Record<'DE' | 'AT' | 'US', [string, string, string][]> = {
  DE: [
    ['Hauptstraße', '10115', 'Berlin'],
    ['Leopoldstraße', '80802', 'München'],
    ['Schildergasse', '50667', 'Köln'],
    ['Mönckebergstraße', '20095', 'Hamburg'],
    ['Königstraße', '70173', 'Stuttgart'],
    ['Prager Straße', '01069', 'Dresden'],
  ],
  AT: [
    ['Mariahilfer Straße', '1060', 'Wien'],
    ['Herrengasse', '8010', 'Graz'],
    ['Landstraße', '4020', 'Linz'],
    ['Getreidegasse', '5020', 'Salzburg'],
  ],
  US: [
    ['Fifth Avenue', '10118', 'New York'],
    ['Market Street', '94103', 'San Francisco'],
  ],
};

/** ASCII spelling of a name, as a list without umlauts writes it (Müller → Mueller). */
export function ascii(s: string): string {
  return s
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i');
}

interface Person {
  id: number;
  first: string;
  last: string;
  country: 'DE' | 'AT' | 'US';
  /** A private person (no company, a free-mail address). */
  b2c: boolean;
  /** '' for a private person. */
  company: string;
  email: string;
  /** The address a second row of the person may carry instead (a private one). */
  secondEmail: string;
  /** Subscriber digits: unique per person. */
  phoneDigits: string;
  street: string;
  houseNumber: string;
  postalCode: string;
  city: string;
  inCrm: boolean;
  onDoNotContactList: boolean;
  /** The person's phone is unknown to every list (rows carry no phone). */
  noPhone: boolean;
}

/** What is true of one generated row. */
export interface TruthRow {
  recordId: string;
  source: string;
  leadSource: string;
  person: number;
  emailValid: boolean;
  emailInvalid: boolean;
  phoneValid: boolean;
  addressValid: boolean;
  /** Calendar days from the record's date to as_of (a timestamp's time of day aside); undefined without any date. */
  ageDays?: number;
  /** Older than 24 months (the default --stale-after) as of as_of. */
  stale?: boolean;
  dateUnreadable: boolean;
  /** The record date is written with a time of day. */
  timestamp: boolean;
  mql: boolean;
  stageUnknown: boolean;
  /** What the person is, whatever the segment cell says. */
  segment: 'b2b' | 'b2c';
  /** The segment cell is blank. */
  segmentBlank: boolean;
  /** Nothing on the row says b2b or b2c: blank segment, no company and no readable e-mail domain. */
  segmentUnknowable: boolean;
  /** consent_email / consent_phone as written ('ja', 'nein', ''). */
  consentEmail: string;
  consentPhone: string;
  /** The row carries, valid, the e-mail the do-not-contact list names. */
  listed: boolean;
  /** The row carries the person's second (private) address, not the one the lists and the CRM have. */
  secondAddress: boolean;
  inCrm: boolean;
}

export interface GeneratedLists {
  asOf: string;
  /** The rows as `leadkit import` writes them, as CSV. */
  importedCsv: string;
  /** Each list as delivered (no record_id or source column): importing <source>.csv gives the same record_ids. */
  rawCsv: Record<string, string>;
  /** The CRM export (its own headers: First Name, E-Mail, …). */
  crmCsv: string;
  /** A do-not-contact list: one email per line. */
  doNotContact: string;
  /** What each list cost (--cost). */
  costs: Record<string, number>;
  sources: string[];
  rows: TruthRow[];
}

const SOURCES = ['vendor-adressen', 'messe-wien', 'webinar-us'];
const COSTS: Record<string, number> = { 'vendor-adressen': 1890, 'messe-wien': 450.5, 'webinar-us': 0 };

function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Phone as a list writes it: international for one row, national for the duplicate. */
function phoneOf(p: Person, national: boolean): string {
  const d = p.phoneDigits;
  if (p.country === 'DE') return national ? `030 ${d}` : `+49 30 ${d}`;
  if (p.country === 'AT') return national ? `01 ${d}` : `+43 1 ${d}`;
  return national ? `(212) 736-${d.slice(0, 4)}` : `+1 212 736 ${d.slice(0, 4)}`;
}

/** A German-style date (14.03.2026), as the reader knows it. */
const german = (ms: number) => {
  const d = new Date(ms);
  return `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
};

/** A record date `days` calendar days before as_of as a list writes it: ISO, German, or a timestamp (ISO with Z, or "yyyy-mm-dd hh:mm"). */
function dateCell(asOfMs: number, days: number, rnd: () => number): { text: string; timestamp: boolean } {
  const day = asOfMs - days * DAY;
  const roll = rnd();
  if (roll < 0.35) return { text: iso(day), timestamp: false };
  if (roll < 0.6) return { text: german(day), timestamp: false };
  // A time of day, often in the afternoon: an age counted in instants, not calendar days, is one day short.
  const minutes = 60 + Math.floor(rnd() * 22 * 60);
  const at = new Date(day + minutes * 60_000).toISOString();
  return roll < 0.8 ? { text: `${at.slice(0, 19)}Z`, timestamp: true } : { text: `${at.slice(0, 10)} ${at.slice(11, 16)}`, timestamp: true };
}

const FREE_MAIL = ['gmx.de', 'web.de', 'gmail.com', 't-online.de', 'gmx.at'];

export function generateLists(seed = 20261122, persons = 64): GeneratedLists {
  const rnd = seeded(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const asOf = '2026-11-22';
  const asOfMs = Date.UTC(2026, 10, 22);
  const staleBefore = Date.UTC(2024, 10, 22);

  const people: Person[] = [];
  const usedNames = new Set<string>();
  const usedPhones = new Set<string>();
  for (let id = 0; id < persons; id++) {
    let first: string;
    let last: string;
    do {
      first = pick(FIRST);
      last = pick(LAST);
    } while (usedNames.has(`${first} ${last}`));
    usedNames.add(`${first} ${last}`);
    const country = rnd() < 0.5 ? 'DE' : rnd() < 0.7 ? 'AT' : 'US';
    let phoneDigits: string;
    do phoneDigits = String(2000000 + Math.floor(rnd() * 7999999));
    while (usedPhones.has(phoneDigits.slice(0, 4)) || usedPhones.has(phoneDigits));
    usedPhones.add(phoneDigits);
    usedPhones.add(phoneDigits.slice(0, 4));
    const [street, postalCode, city] = pick(PLACES[country]);
    // Private persons too: no company, a free-mail address (US lists here are business only).
    const b2c = country !== 'US' && rnd() < 0.2;
    const company = b2c ? '' : `${COMPANY_WORDS[id % COMPANY_WORDS.length]} ${COMPANY_KINDS[Math.floor(id / COMPANY_WORDS.length) % COMPANY_KINDS.length]} ${country === 'US' ? 'Inc.' : country === 'AT' ? 'GmbH & Co KG' : 'GmbH'}`;
    const domain = b2c ? pick(FREE_MAIL) : `${ascii(company).toLowerCase().replace(/ (gmbh|inc\.).*$/, '').replace(/[^a-z]+/g, '-')}.${country === 'US' ? 'com' : country.toLowerCase()}`;
    const local = `${ascii(first).toLowerCase().replace(/[^a-z]/g, '')}.${ascii(last).toLowerCase()}`;
    people.push({
      id,
      first,
      last,
      country,
      b2c,
      company,
      email: `${local}@${domain}`,
      // Unique by the id: two persons never share an address.
      secondEmail: `${local}${id}@${b2c ? (domain === 'web.de' ? 'gmx.de' : 'web.de') : pick(FREE_MAIL)}`,
      phoneDigits,
      street,
      // A house number per person, so that no two share an address.
      houseNumber: String(id + 1),
      postalCode,
      city,
      inCrm: rnd() < 0.3,
      onDoNotContactList: false,
      noPhone: rnd() < 0.1,
    });
  }
  interface Draft {
    person: Person;
    source: string;
    variant: boolean;
    /** The row carries the person's second address. */
    second?: boolean;
  }
  const drafts: Draft[] = [];
  for (const p of people) {
    const home = pick(SOURCES);
    drafts.push({ person: p, source: home, variant: false });
    const r = rnd();
    // Within one list, in another list, or both: the person written a second (third) time.
    if (r < 0.15) drafts.push({ person: p, source: home, variant: true });
    else if (r < 0.3) drafts.push({ person: p, source: pick(SOURCES.filter((s) => s !== home)), variant: true });
    else if (r < 0.36) {
      drafts.push({ person: p, source: home, variant: true });
      drafts.push({ person: p, source: pick(SOURCES.filter((s) => s !== home)), variant: false });
    }
  }
  const multi = new Set(drafts.filter((d) => d.variant).map((d) => d.person.id));
  // A share of the second rows carry a second address instead of the first one in capitals.
  for (const d of drafts) if (d.variant && rnd() < 0.4) d.second = true;
  // Persons who asked not to be contacted: two written twice, one of their rows with the second
  // address the list does not name (the person is still off limits), and one written once.
  const rowsOf = (p: Person) => drafts.filter((d) => d.person === p);
  const twice = people.filter((p) => !p.inCrm && rowsOf(p).length === 2 && rowsOf(p).some((d) => !d.variant));
  const once = people.filter((p) => !p.inCrm && !multi.has(p.id));
  for (const p of [...twice.slice(0, 2), ...once.slice(0, 1)]) {
    p.onDoNotContactList = true;
    for (const d of rowsOf(p)) d.second = d.variant;
  }

  const header = ['record_id', 'source', 'lead_source', 'first_name', 'last_name', 'company', 'email', 'phone', 'street', 'house_number', 'postal_code', 'city', 'country', 'segment', 'consent_email', 'consent_phone', 'created_at', 'updated_at', 'stage'];
  const lines = [header.join(',')];
  const raw = new Map<string, string[]>();
  const rawHeader = header.filter((h) => h !== 'record_id' && h !== 'source');
  const rows: TruthRow[] = [];
  const counter = new Map<string, number>();
  for (const d of drafts) {
    const p = d.person;
    const n = (counter.get(d.source) ?? 0) + 1;
    counter.set(d.source, n);
    const recordId = `${d.source}:${n}`;
    const single = !multi.has(p.id);
    // Broken e-mails only on persons written once (and not on the do-not-contact list, whose entry must be findable).
    const emailKind = single && !p.onDoNotContactList ? (rnd() < 0.12 ? 'invalid' : 'valid') : 'valid';
    const email = emailKind === 'invalid' ? p.email.replace('@', '@@') : d.second ? p.secondEmail : d.variant ? p.email.toUpperCase() : p.email;
    const phone = p.noPhone ? '' : phoneOf(p, d.variant);
    // A few rows lack the street: the address is partial, not valid.
    const noStreet = single && rnd() < 0.1;
    const street = noStreet ? '' : d.variant && p.country === 'DE' ? p.street.replace(/straße$/, 'str.') : p.street;

    // Ages: created_at always for most, a newer updated_at for some, none at all for a few, and
    // an updated_at no one can read as one date (03/04/2025) beside a readable created_at.
    const createdDays = 20 + Math.floor(rnd() * 1400);
    const dateRoll = rnd();
    const createdCell = dateCell(asOfMs, createdDays, rnd);
    let created = createdCell.text;
    let timestamp = createdCell.timestamp;
    let updated = '';
    let ageDays: number | undefined = createdDays;
    let dateUnreadable = false;
    if (dateRoll < 0.08) {
      created = '';
      timestamp = false;
      ageDays = undefined;
    } else if (dateRoll < 0.14) {
      updated = '03/04/2025';
      dateUnreadable = true;
    } else if (dateRoll < 0.5) {
      const updatedDays = Math.floor(createdDays * rnd());
      const u = dateCell(asOfMs, updatedDays, rnd);
      updated = u.text;
      timestamp = u.timestamp;
      ageDays = updatedDays;
    }
    // The calendar day of the record (a timestamp's time of day does not make it a day younger).
    const dateMs = ageDays === undefined ? undefined : asOfMs - ageDays * DAY;

    const stageRoll = rnd();
    const stage = stageRoll < 0.5 ? 'lead' : stageRoll < 0.75 ? 'MQL' : stageRoll < 0.85 ? 'SQL-ready' : stageRoll < 0.92 ? '' : 'Nurture';
    const consentEmail = rnd() < 0.7 ? 'ja' : rnd() < 0.5 ? 'nein' : '';
    const phoneRoll = rnd();
    const consentPhone = phoneRoll < 0.2 ? 'nein' : phoneRoll < 0.5 ? 'ja' : '';
    // The vendor's segment: filled for most rows, blank for some (classify's reading decides then).
    const segmentBlank = rnd() < 0.35;
    const leadSource = d.source === 'vendor-adressen' ? '' : rnd() < 0.5 ? 'Google Ads' : 'Empfehlung';

    const cells: Record<string, string> = {
      record_id: recordId,
      source: d.source,
      lead_source: leadSource,
      first_name: p.first,
      last_name: d.variant ? ascii(p.last) : p.last,
      company: p.company,
      email,
      phone,
      street,
      house_number: p.houseNumber,
      postal_code: p.postalCode,
      city: p.city,
      country: p.country,
      segment: segmentBlank ? '' : p.b2c ? 'b2c' : 'b2b',
      consent_email: consentEmail,
      consent_phone: consentPhone,
      created_at: created,
      updated_at: updated,
      stage,
    };
    lines.push(header.map((h) => csvCell(cells[h])).join(','));
    if (!raw.has(d.source)) raw.set(d.source, [rawHeader.join(',')]);
    raw.get(d.source)?.push(rawHeader.map((h) => csvCell(cells[h])).join(','));

    const emailValid = emailKind === 'valid';
    const phoneValid = phone !== '';
    rows.push({
      recordId,
      source: d.source,
      leadSource,
      person: p.id,
      emailValid,
      emailInvalid: !emailValid,
      phoneValid,
      addressValid: !noStreet,
      ageDays,
      stale: dateMs === undefined ? undefined : dateMs < staleBefore,
      dateUnreadable,
      timestamp,
      mql: stage === 'MQL' || stage === 'SQL-ready',
      stageUnknown: stage === '' || stage === 'Nurture',
      segment: p.b2c ? 'b2c' : 'b2b',
      segmentBlank,
      // A private person's row with a broken e-mail: no company, no domain to read, no segment given.
      segmentUnknowable: segmentBlank && p.company === '' && !emailValid,
      consentEmail,
      consentPhone,
      // The list names the first address; the second one, or a broken one, is not found on it.
      listed: p.onDoNotContactList && emailValid && !d.second,
      secondAddress: Boolean(d.second),
      inCrm: p.inCrm,
    });
  }

  // The CRM: its own headers and spelling, the known persons and others the lists do not have.
  const crmHeader = ['Lead ID', 'First Name', 'Last Name', 'Company', 'Email', 'Phone', 'Street', 'Zip/Postal Code', 'City', 'Country'];
  const crm = [crmHeader.join(',')];
  let crmId = 100;
  const crmRow = (p: Pick<Person, 'first' | 'last' | 'company' | 'email' | 'street' | 'houseNumber' | 'postalCode' | 'city' | 'country'> & { phone: string }) =>
    crm.push([`00Q${crmId++}`, p.first, p.last, p.company, p.email, p.phone, `${p.street} ${p.houseNumber}`, p.postalCode, p.city, p.country].map(csvCell).join(','));
  for (const p of people.filter((x) => x.inCrm)) crmRow({ ...p, phone: p.noPhone ? '' : phoneOf(p, false) });
  for (let k = 0; k < 12; k++) {
    crmRow({ first: 'Gerlinde', last: `Kundin${String.fromCharCode(65 + k)}`, company: `Bestandskunde ${k + 1} AG`, email: `g.kundin${k}@bestand-${k}.de`, phone: `+49 89 ${5100000 + k * 7919}`, street: 'Marienplatz', houseNumber: String(k + 1), postalCode: '80331', city: 'München', country: 'DE' });
  }

  return {
    asOf,
    importedCsv: `${lines.join('\n')}\n`,
    rawCsv: Object.fromEntries([...raw].map(([src, l]) => [src, `${l.join('\n')}\n`])),
    crmCsv: `${crm.join('\n')}\n`,
    doNotContact: `${people.filter((p) => p.onDoNotContactList).map((p) => p.email).join('\n')}\n`,
    costs: { ...COSTS },
    sources: SOURCES.filter((s) => counter.has(s)),
    rows,
  };
}
