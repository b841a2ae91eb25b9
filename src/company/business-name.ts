/**
 * Whether a name reads as a business rather than a person: a legal form ("Müller GmbH",
 * "Acme Inc."), a word only businesses carry in their names ("Pinot Bistro", "Autohaus Gruber",
 * "Hotel Sacher"), a possessive or a connecting word ("Arnie Morton's of Chicago", "Grill on
 * the Alley"), digits or an ampersand ("Studio 54", "Schmidt & Partner"). Person names carry
 * none of these, so one of them is evidence enough; a plain "Spago" or "Locanda Veneta" says
 * nothing either way.
 *
 * Import uses it to tell a business-name column from a person-name column by its values.
 */
import { companyTokens } from './tokens.js';
import { legalFormAtEnd, legalFormAtStart } from './legal-forms.js';
import { foldForKey } from '../text/fold.js';

/** Words of business names, folded (umlauts spelt out as foldForKey does). */
const BUSINESS_WORDS = new Set(
  foldForKey(`
  restaurant ristorante trattoria osteria pizzeria taverna cafe caffe coffee bar grill bistro brasserie diner deli
  delicatessen kitchen cuisine steakhouse tavern pub inn hotel motel hostel lodge resort bakery baeckerei bäckerei
  metzgerei fleischerei konditorei gasthaus gasthof wirtshaus brauerei brewery winery weingut club shop store
  market markt supermarket center centre zentrum school schule academy akademie college university
  universität institute institut church kirche clinic klinik hospital krankenhaus praxis pharmacy apotheke bank
  sparkasse volksbank raiffeisenbank group gruppe holding holdings services service solutions consulting beratung
  systems software technologies technology partners associates agency agentur studio werkstatt kanzlei autohaus
  immobilien verlag stiftung foundation verein association society museum theater theatre salon spa gallery
  galerie company corporation enterprises industries international logistics transport spedition elektro
  sanitär tischlerei schreinerei druckerei reisebüro versicherung insurance office bureau büro daycare kita
  kindergarten nursery preschool healthcare dental medical pharma ministries program programs laboratory labor
  werke werk fabrik factory handel trading import export vertrieb montage bau baugesellschaft hausverwaltung
  steuerberatung steuerberater rechtsanwälte architekten ingenieurbüro
`)
    .split(/\s+/)
    .filter(Boolean),
);

/** Words that join the parts of a business name but not of a person's name. */
const CONNECTORS = new Set(['of', 'the', 'on', 'at', 'and', 'und', 'for', 'fuer', 'im', 'am', 'beim', 'by', 'et']);

export function looksLikeBusinessName(value: string): boolean {
  const v = value.trim();
  if (v === '') return false;
  if (/[&+@]|\d/.test(v)) return true;
  if (/\w['’]s\b/i.test(v)) return true;
  const tokens = companyTokens(v);
  if (tokens.length === 0) return false;
  if (tokens.length > 1 && (legalFormAtEnd(tokens) || legalFormAtStart(tokens))) return true;
  const words = foldForKey(v).split(/[^a-z0-9]+/).filter(Boolean);
  return words.some((w, i) => BUSINESS_WORDS.has(w) || (i > 0 && i < words.length - 1 && CONNECTORS.has(w)));
}
