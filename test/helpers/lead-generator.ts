/**
 * A seeded generator of bought lead lists whose truth is known: which rows are one person (within
 * a list and across lists), which persons the CRM has, how old every record is, which emails are
 * broken, who may be contacted on which channel, and what each list cost. The rows come in the
 * shape `leadkit import` writes (record_id, source, schema columns), so a test exercises the
 * scorecard rather than the header mapping; the CRM export comes with a CRM's own headers.
 *
 * Duplicates are written the way lists differ in practice (Müller / Mueller, an e-mail in
 * capitals, 030 … / +49 30 …, Str. / Straße), always sharing the e-mail address, so that the
 * truth does not rest on a borderline match; different persons share neither e-mail, phone,
 * company nor address.
 */

/** mulberry32: small, fast and the same on every machine. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
  company: string;
  email: string;
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
  /** Days from the record's date to as_of; undefined for a row without any date. */
  ageDays?: number;
  /** Older than 24 months (the default --stale-after) as of as_of. */
  stale?: boolean;
  dateUnreadable: boolean;
  mql: boolean;
  stageUnknown: boolean;
  suppressed: boolean;
  contactable: boolean;
  inCrm: boolean;
  cost: number;
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
    const company = `${COMPANY_WORDS[id % COMPANY_WORDS.length]} ${COMPANY_KINDS[Math.floor(id / COMPANY_WORDS.length) % COMPANY_KINDS.length]} ${country === 'US' ? 'Inc.' : country === 'AT' ? 'GmbH & Co KG' : 'GmbH'}`;
    const domain = `${ascii(company).toLowerCase().replace(/ (gmbh|inc\.).*$/, '').replace(/[^a-z]+/g, '-')}.${country === 'US' ? 'com' : country.toLowerCase()}`;
    people.push({
      id,
      first,
      last,
      country,
      company,
      email: `${ascii(first).toLowerCase().replace(/[^a-z]/g, '')}.${ascii(last).toLowerCase()}@${domain}`,
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
  // Three persons asked not to be contacted.
  for (const p of people.filter((x) => !x.inCrm).slice(0, 3)) p.onDoNotContactList = true;

  interface Draft {
    person: Person;
    source: string;
    variant: boolean;
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
    // Broken e-mails only on persons written once, so duplicates still share their address.
    const emailKind = single ? (rnd() < 0.12 ? 'invalid' : 'valid') : 'valid';
    const email = emailKind === 'invalid' ? p.email.replace('@', '@@') : d.variant ? p.email.toUpperCase() : p.email;
    const phone = p.noPhone ? '' : phoneOf(p, d.variant);
    // A few rows lack the street: the address is partial, not valid.
    const noStreet = single && rnd() < 0.1;
    const street = noStreet ? '' : d.variant && p.country === 'DE' ? p.street.replace(/straße$/, 'str.') : p.street;

    // Ages: created_at always for most, a newer updated_at for some, none at all for a few, and
    // an updated_at no one can read as one date (03/04/2025) beside a readable created_at.
    const createdDays = 20 + Math.floor(rnd() * 1400);
    const dateRoll = rnd();
    let created = iso(asOfMs - createdDays * DAY);
    let updated = '';
    let ageDays: number | undefined = createdDays;
    let dateUnreadable = false;
    if (dateRoll < 0.08) {
      created = '';
      ageDays = undefined;
    } else if (dateRoll < 0.14) {
      updated = '03/04/2025';
      dateUnreadable = true;
    } else if (dateRoll < 0.5) {
      const updatedDays = Math.floor(createdDays * rnd());
      // Written German-style now and then: the reader knows 14.03.2026.
      const u = new Date(asOfMs - updatedDays * DAY);
      updated = rnd() < 0.5 ? iso(u.getTime()) : `${String(u.getUTCDate()).padStart(2, '0')}.${String(u.getUTCMonth() + 1).padStart(2, '0')}.${u.getUTCFullYear()}`;
      ageDays = updatedDays;
    }
    const dateMs = ageDays === undefined ? undefined : asOfMs - ageDays * DAY;

    const stageRoll = rnd();
    const stage = stageRoll < 0.5 ? 'lead' : stageRoll < 0.75 ? 'MQL' : stageRoll < 0.85 ? 'SQL-ready' : stageRoll < 0.92 ? '' : 'Nurture';
    const consentEmail = rnd() < 0.7 ? 'ja' : rnd() < 0.5 ? 'nein' : '';
    const consentPhone = rnd() < 0.2 ? 'nein' : '';
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
      segment: 'b2b',
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
    // Suppressed: on the do-not-contact list, or no channel left (suppress's rule). E-mail needs
    // documented consent (UWG §7); a B2B call only no objection.
    const emailChannel = emailValid && consentEmail === 'ja';
    const phoneChannel = phoneValid && consentPhone !== 'nein';
    // The list names the e-mail address: a row with a broken one is not found on it.
    const listed = p.onDoNotContactList && emailValid;
    const suppressed = listed || !(emailChannel || phoneChannel);
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
      mql: stage === 'MQL' || stage === 'SQL-ready',
      stageUnknown: stage === '' || stage === 'Nurture',
      suppressed,
      contactable: !suppressed,
      inCrm: p.inCrm,
      cost: 0,
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
