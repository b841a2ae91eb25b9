import { describe, expect, it } from 'vitest';
import { classifyTitle as classifyFull, compileTitleOverrides } from '../src/classify/title.js';
import { normalizeTitle } from '../src/classify/text-normalize.js';

/**
 * Real-world titles as they appear in German/Austrian/Swiss and English lead lists (trade-fair
 * scans, purchased lists, CRM exports, LinkedIn), with the expected seniority, department and
 * buying-centre role. '' means "the title does not say".
 */
const TITLES: Array<[title: string, seniority: string, department: string, role: string]> = [
  // German: owners and executives
  ['Geschäftsführer', 'executive', 'management', 'decider'],
  ['Geschäftsführerin', 'executive', 'management', 'decider'],
  ['Geschaeftsfuehrer', 'executive', 'management', 'decider'],
  ['GESCHÄFTSFÜHRER', 'executive', 'management', 'decider'],
  ['Geschäftsführer/-in', 'executive', 'management', 'decider'],
  ['Geschäftsführer:in', 'executive', 'management', 'decider'],
  ['Geschäftsführer*in', 'executive', 'management', 'decider'],
  ['Geschäftsführer (m/w/d)', 'executive', 'management', 'decider'],
  ['Geschaftsfuhrer', 'executive', 'management', 'decider'],
  ['GF', 'executive', 'management', 'decider'],
  ['Gf.', 'executive', 'management', 'decider'],
  ['Geschäftsführender Gesellschafter', 'executive', 'management', 'decider'],
  ['Kaufmännischer Geschäftsführer', 'executive', 'finance', 'decider'],
  ['Technischer Geschäftsführer', 'executive', 'engineering', 'decider'],
  ['Geschäftsführer Vertrieb', 'executive', 'sales', 'decider'],
  ['Inhaber', 'executive', 'management', 'decider'],
  ['Inhaberin', 'executive', 'management', 'decider'],
  ['Inhaber(in)', 'executive', 'management', 'decider'],
  ['Mitinhaber', 'executive', 'management', 'decider'],
  ['Vorstand', 'executive', 'management', 'decider'],
  ['Vorstandsvorsitzender', 'executive', 'management', 'decider'],
  ['Vorstand Finanzen', 'executive', 'finance', 'decider'],
  ['Mitglied der Geschäftsleitung', 'executive', 'management', 'decider'],
  ['Geschäftsleitung', 'executive', 'management', 'decider'],
  ['Gründer & Geschäftsführer', 'executive', 'management', 'decider'],
  ['Stellvertretender Geschäftsführer', 'director', 'management', 'decider'],
  ['Selbstständig', 'executive', 'management', 'decider'],
  ['Bürgermeister', 'executive', 'management', 'decider'],
  // German: directors, heads, Prokura
  ['Prokurist', 'director', 'management', 'decider'],
  ['Prokuristin', 'director', 'management', 'decider'],
  ['Prokurist, Leiter Vertrieb', 'director', 'sales', 'decider'],
  ['Leiter Einkauf', 'director', 'purchasing', 'buyer'],
  ['Leiterin Einkauf', 'director', 'purchasing', 'buyer'],
  ['Leiter(in) Einkauf', 'director', 'purchasing', 'buyer'],
  ['Einkaufsleiter', 'director', 'purchasing', 'buyer'],
  ['Leitung Einkauf & Logistik', 'director', 'purchasing', 'buyer'],
  ['IT-Leiter', 'director', 'it', 'decider'],
  ['Leiter IT', 'director', 'it', 'decider'],
  ['Leiterin EDV', 'director', 'it', 'decider'],
  ['Vertriebsleiter', 'director', 'sales', 'decider'],
  ['Vertriebsleiter DACH', 'director', 'sales', 'decider'],
  ['Verkaufsleiterin', 'director', 'sales', 'decider'],
  ['Marketingleiterin', 'director', 'marketing', 'decider'],
  ['Leiterin Marketing & Kommunikation', 'director', 'marketing', 'decider'],
  ['Personalleiter', 'director', 'hr', 'decider'],
  ['Leiterin Personal', 'director', 'hr', 'decider'],
  ['Kaufmännischer Leiter', 'director', 'finance', 'decider'],
  ['Leiter Finanzen und Controlling', 'director', 'finance', 'decider'],
  ['Leiter Rechnungswesen', 'director', 'finance', 'decider'],
  ['Technischer Leiter', 'director', 'engineering', 'decider'],
  ['Leiter Forschung und Entwicklung', 'director', 'engineering', 'decider'],
  ['Leiter F&E', 'director', 'engineering', 'decider'],
  ['Produktionsleiter', 'director', 'production', 'decider'],
  ['Werkleiter', 'director', 'production', 'decider'],
  ['Betriebsleiter', 'director', 'operations', 'decider'],
  ['Logistikleiter', 'director', 'logistics', 'decider'],
  ['Leiter Qualitätsmanagement', 'director', 'quality', 'decider'],
  ['Abteilungsleiter', 'director', '', 'decider'],
  ['Bereichsleiterin Vertrieb', 'director', 'sales', 'decider'],
  ['Niederlassungsleiter', 'director', 'operations', 'decider'],
  ['stellv. Leiterin Einkauf', 'manager', 'purchasing', 'buyer'],
  ['Direktor Vertrieb', 'director', 'sales', 'decider'],
  ['Leiter Rechtsabteilung', 'director', 'legal', 'decider'],
  ['Leiter Kundenservice', 'director', 'customer_service', 'decider'],
  // German: managers and team leads
  ['Teamleiter Vertriebsinnendienst', 'manager', 'sales', 'influencer'],
  ['Teamleiterin Buchhaltung', 'manager', 'finance', 'influencer'],
  ['Gruppenleiter Konstruktion', 'manager', 'engineering', 'influencer'],
  ['Projektleiter', 'manager', '', 'influencer'],
  ['Projektleiterin IT', 'manager', 'it', 'influencer'],
  ['Bauleiter', 'manager', '', 'influencer'],
  ['Produktmanager', 'manager', 'product', 'influencer'],
  ['Marketing Manager (m/w/d)', 'manager', 'marketing', 'influencer'],
  ['Einkaufsmanager', 'manager', 'purchasing', 'buyer'],
  ['Schichtleiter Produktion', 'manager', 'production', 'influencer'],
  ['Industriemeister Metall', 'manager', 'production', 'influencer'],
  // German: staff, specialists, gatekeepers
  ['Sachbearbeiter (m/w/d)', 'staff', 'administration', 'user'],
  ['Sachbearbeiterin Einkauf', 'staff', 'purchasing', 'buyer'],
  ['Einkäufer', 'staff', 'purchasing', 'buyer'],
  ['Einkäuferin', 'staff', 'purchasing', 'buyer'],
  ['Strategischer Einkäufer', 'staff', 'purchasing', 'buyer'],
  ['Technischer Einkäufer (w/m/d)', 'staff', 'purchasing', 'buyer'],
  ['Assistenz der Geschäftsführung', 'staff', 'management', 'gatekeeper'],
  ['Assistentin der Geschäftsführung', 'staff', 'management', 'gatekeeper'],
  ['Vorstandsassistentin', 'staff', 'management', 'gatekeeper'],
  ['Teamassistenz', 'staff', 'administration', 'gatekeeper'],
  ['Sekretärin', 'staff', 'administration', 'gatekeeper'],
  ['Chefsekretärin', 'staff', 'administration', 'gatekeeper'],
  ['Empfang / Telefonzentrale', 'staff', 'administration', 'gatekeeper'],
  ['Office Manager', 'staff', 'administration', 'gatekeeper'],
  ['Referent der Geschäftsführung', 'staff', 'management', 'influencer'],
  ['Personalreferentin', 'staff', 'hr', 'influencer'],
  ['Buchhalterin', 'staff', 'finance', 'user'],
  ['Finanzbuchhalter', 'staff', 'finance', 'user'],
  ['Controller', 'staff', 'finance', 'influencer'],
  ['Industriekaufmann', 'staff', 'administration', 'user'],
  ['Bürokauffrau', 'staff', 'administration', 'user'],
  ['Kaufmann/-frau für Büromanagement', 'staff', 'administration', 'user'],
  ['Mitarbeiter Vertrieb Innendienst', 'staff', 'sales', 'user'],
  ['Außendienstmitarbeiter', 'staff', 'sales', 'user'],
  ['Key Account Manager', 'staff', 'sales', 'user'],
  ['Softwareentwickler', 'staff', 'it', 'user'],
  ['Systemadministrator', 'staff', 'it', 'user'],
  ['SAP-Berater', 'staff', 'it', 'influencer'],
  ['Konstrukteur', 'staff', 'engineering', 'user'],
  ['Entwicklungsingenieur', 'staff', 'engineering', 'influencer'],
  ['Servicetechniker', 'staff', 'customer_service', 'user'],
  ['Lagerist', 'staff', 'logistics', 'user'],
  ['Disponent', 'staff', 'logistics', 'user'],
  ['Qualitätsbeauftragter', 'staff', 'quality', 'user'],
  ['Datenschutzbeauftragter', 'staff', 'legal', 'user'],
  ['Syndikusrechtsanwalt', 'staff', 'legal', 'influencer'],
  ['Werkstudent Marketing', 'staff', 'marketing', 'user'],
  ['Auszubildende zur Industriekauffrau', 'staff', 'administration', 'user'],
  ['Kundenberater', 'staff', 'sales', 'influencer'],
  ['Hausmeister', 'staff', 'operations', 'user'],
  ['Kfm. Angestellte', 'staff', 'administration', 'user'],
  ['Leiter Instandhaltung', 'director', 'production', 'decider'],
  ['Pressesprecherin', 'staff', 'marketing', 'user'],
  // English
  ['CEO', 'executive', 'management', 'decider'],
  ['CEO & Founder', 'executive', 'management', 'decider'],
  ['Co-Founder', 'executive', 'management', 'decider'],
  ['Owner', 'executive', 'management', 'decider'],
  ['Managing Director', 'executive', 'management', 'decider'],
  ['Managing Partner', 'executive', 'management', 'decider'],
  ['President', 'executive', 'management', 'decider'],
  ['Chairman of the Board', 'executive', 'management', 'decider'],
  ['General Manager', 'executive', 'management', 'decider'],
  ['CFO', 'executive', 'finance', 'decider'],
  ['Chief Financial Officer', 'executive', 'finance', 'decider'],
  ['CTO', 'executive', 'it', 'decider'],
  ['CIO', 'executive', 'it', 'decider'],
  ['Chief Marketing Officer', 'executive', 'marketing', 'decider'],
  ['COO', 'executive', 'operations', 'decider'],
  ['Chief Revenue Officer', 'executive', 'sales', 'decider'],
  ['CHRO', 'executive', 'hr', 'decider'],
  ['Chief Procurement Officer', 'executive', 'purchasing', 'buyer'],
  ['Head of Sales', 'director', 'sales', 'decider'],
  ['Head of IT', 'director', 'it', 'decider'],
  ['Head of Procurement', 'director', 'purchasing', 'buyer'],
  ['Head of Marketing DACH', 'director', 'marketing', 'decider'],
  ['Head of People & Culture', 'director', 'hr', 'decider'],
  ['Sales Director', 'director', 'sales', 'decider'],
  ['Director of Operations', 'director', 'operations', 'decider'],
  ['IT Director', 'director', 'it', 'decider'],
  ['VP Engineering', 'director', 'engineering', 'decider'],
  ['Vice President Sales EMEA', 'director', 'sales', 'decider'],
  ['SVP, Finance', 'director', 'finance', 'decider'],
  ['Country Manager Germany', 'director', '', 'decider'],
  ['Deputy Head of Finance', 'manager', 'finance', 'influencer'],
  ['Sales Manager', 'manager', 'sales', 'influencer'],
  ['Senior Product Manager', 'manager', 'product', 'influencer'],
  ['IT Manager', 'manager', 'it', 'influencer'],
  ['HR Manager', 'manager', 'hr', 'influencer'],
  ['Purchasing Manager', 'manager', 'purchasing', 'buyer'],
  ['Procurement Lead', 'manager', 'purchasing', 'buyer'],
  ['Team Lead Customer Success', 'manager', 'customer_service', 'influencer'],
  ['Engineering Manager', 'manager', 'engineering', 'influencer'],
  ['Project Manager', 'manager', '', 'influencer'],
  ['Plant Manager', 'manager', 'production', 'influencer'],
  ['Warehouse Supervisor', 'manager', 'logistics', 'influencer'],
  ['Marketing Coordinator', 'staff', 'marketing', 'user'],
  ['Buyer', 'staff', 'purchasing', 'buyer'],
  ['Senior Buyer', 'staff', 'purchasing', 'buyer'],
  ['Procurement Specialist', 'staff', 'purchasing', 'buyer'],
  ['Account Executive', 'staff', 'sales', 'user'],
  ['Sales Representative', 'staff', 'sales', 'user'],
  ['Business Development Representative', 'staff', 'sales', 'user'],
  ['Software Engineer', 'staff', 'it', 'influencer'],
  ['Data Scientist', 'staff', 'it', 'influencer'],
  ['Solutions Architect', 'staff', '', 'influencer'],
  ['IT Consultant', 'staff', 'it', 'influencer'],
  ['Financial Analyst', 'staff', 'finance', 'influencer'],
  ['Accountant', 'staff', 'finance', 'user'],
  ['Recruiter', 'staff', 'hr', 'user'],
  ['Customer Support Agent', 'staff', 'customer_service', 'user'],
  ['Executive Assistant to the CEO', 'staff', 'management', 'gatekeeper'],
  ['Personal Assistant', 'staff', 'administration', 'gatekeeper'],
  ['Receptionist', 'staff', 'administration', 'gatekeeper'],
  ['Office Assistant', 'staff', 'administration', 'gatekeeper'],
  ['Legal Counsel', 'staff', 'legal', 'influencer'],
  ['Quality Engineer', 'staff', 'quality', 'influencer'],
  ['Marketing Intern', 'staff', 'marketing', 'user'],
  ['Product Owner', 'staff', 'product', 'user'],
  ['VP of Product', 'director', 'product', 'decider'],
  ['E-Commerce Manager', 'manager', 'sales', 'influencer'],
  ['HR Business Partner', 'staff', 'hr', 'user'],
  ['Assistant Manager', 'staff', '', 'user'],
  // Not a job title at all, or no signal
  ['', '', '', ''],
  ['-', '', '', ''],
  ['Dr.', '', '', ''],
];

/** The three fields these tables pin; seniority_status has its own tests (classify-titles-table). */
function classifyTitle(...args: Parameters<typeof classifyFull>) {
  const { seniority, department, buying_role } = classifyFull(...args);
  return { seniority, department, buying_role };
}

describe('classifyTitle: real-world titles', () => {
  it('has at least 100 titles', () => {
    expect(TITLES.length).toBeGreaterThanOrEqual(100);
  });
  it.each(TITLES)('%s → %s / %s / %s', (title, seniority, department, role) => {
    expect(classifyTitle(title)).toEqual({ seniority, department, buying_role: role });
  });
});

describe('normalizeTitle', () => {
  it.each([
    ['Geschäftsführer', 'geschaeftsfuehrer'],
    ['Gescha\u0308ftsfu\u0308hrer', 'geschaeftsfuehrer'],
    ['GESCHÄFTSFÜHRER', 'geschaeftsfuehrer'],
    ['Leiter(in) Einkauf', 'leiter einkauf'],
    ['Sachbearbeiter (m/w/d)', 'sachbearbeiter'],
    ['Sachbearbeiter (w/m/d)', 'sachbearbeiter'],
    ['Sachbearbeiter m/w/d', 'sachbearbeiter'],
    ['Projektmanager (all genders)', 'projektmanager'],
    ['Berater:in', 'berater'],
    ['Berater*in', 'berater'],
    ['Berater_in', 'berater'],
    ['Berater/-in', 'berater'],
    ['Berater/in', 'berater'],
    ['Außendienst', 'aussendienst'],
    ['Directeur Général', 'directeur general'],
    ['IT-Leiter', 'it leiter'],
    ['Kaufmann/-frau', 'kaufmann'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeTitle(input)).toBe(expected);
  });

  it('keeps letters of other scripts instead of dropping them', () => {
    expect(normalizeTitle('Dyrektor Łódź')).toBe('dyrektor lodz');
    expect(normalizeTitle('Генеральный директор')).toBe('генеральный директор');
  });
});

describe('classifyTitle: department column and overrides', () => {
  it('takes the department from the department column when the title has none', () => {
    expect(classifyTitle('Leiter', 'Einkauf')).toEqual({ seniority: 'director', department: 'purchasing', buying_role: 'buyer' });
    expect(classifyTitle('Sachbearbeiterin', 'Personalabteilung').department).toBe('hr');
  });

  it('lets the rules file override fields, first matching override wins', () => {
    const overrides = compileTitleOverrides([
      { match: 'Key Account Manager', seniority: 'manager', buying_role: 'influencer' },
      { regex: '^werkstudent', seniority: 'staff', department: 'trainee' },
      { match: 'Geschäftsführer', department: 'board' },
      { match: 'manager', seniority: 'staff' },
    ]);
    expect(classifyTitle('Key Account Manager (m/w/d)', '', overrides)).toEqual({ seniority: 'manager', department: 'sales', buying_role: 'influencer' });
    expect(classifyTitle('Werkstudent Vertrieb', '', overrides)).toEqual({ seniority: 'staff', department: 'trainee', buying_role: 'user' });
    // A phrase written with umlauts matches the transliterated spelling, and vice versa.
    expect(classifyTitle('Geschaeftsfuehrerin', '', overrides).department).toBe('board');
    expect(classifyTitle('Sales Manager', '', overrides)).toEqual({ seniority: 'staff', department: 'sales', buying_role: 'user' });
  });
});
