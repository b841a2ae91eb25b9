/**
 * Phone number interpretation on libphonenumber's "max" metadata, with a fast path.
 *
 * Why a fast path: libphonenumber-js builds a new RegExp from its metadata strings on every
 * pattern test (about 1 µs each, several per number), so parse + type costs ~15 µs a number —
 * the whole budget of a validate row. For the numbering plans that most European lists are made
 * of — one country per calling code, a plain national prefix such as "0" (DE, AT, CH, FR, NL,
 * BE, …) — the same steps are done here with patterns compiled once: strip the international
 * or national prefix, strip a national prefix written after the calling code ("+49 (0)30"),
 * test the national number pattern and the type patterns in libphonenumber's own order.
 * Everything else (shared calling codes such as +1/+7/+44, prefix transform rules, numbers
 * without their national prefix) goes through libphonenumber itself. A test compares both
 * paths on tens of thousands of generated numbers, so the fast path cannot drift from the
 * library; if the metadata API it relies on ever changes shape, it switches itself off.
 */
import {
  getCountries,
  getCountryCallingCode,
  isSupportedCountry,
  Metadata,
  parsePhoneNumberWithError,
  type CountryCode,
  type NumberType,
} from 'libphonenumber-js/max';

/** Number types in leadkit's snake_case; '' when the number is valid but its type is unknown. */
export type PhoneType =
  | 'mobile'
  | 'fixed_line'
  | 'fixed_line_or_mobile'
  | 'voip'
  | 'toll_free'
  | 'premium_rate'
  | 'shared_cost'
  | 'personal_number'
  | 'pager'
  | 'uan'
  | 'voicemail'
  | '';

const TYPE_NAMES: Record<string, PhoneType> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'fixed_line',
  FIXED_LINE_OR_MOBILE: 'fixed_line_or_mobile',
  VOIP: 'voip',
  TOLL_FREE: 'toll_free',
  PREMIUM_RATE: 'premium_rate',
  SHARED_COST: 'shared_cost',
  PERSONAL_NUMBER: 'personal_number',
  PAGER: 'pager',
  UAN: 'uan',
  VOICEMAIL: 'voicemail',
};

export function phoneTypeName(type: NumberType | string | undefined): PhoneType {
  return type === undefined ? '' : (TYPE_NAMES[type] ?? '');
}

/** A valid number as leadkit reports it. */
export interface Interpretation {
  e164: string;
  /** ISO alpha-2 of the number's region; '' for non-geographic numbers (+800, +882 …). */
  country: string;
  type: PhoneType;
  /** Extension found by libphonenumber itself (only on the text fallback). */
  ext: string;
}

// ---------------------------------------------------------------------------------------------
// The metadata API used by the fast path. libphonenumber-js exports Metadata but types only a
// few of its methods; these are the rest, checked for at runtime before use.

interface PlanType {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}
interface RuntimePlan {
  callingCode(): string;
  IDDPrefix(): string;
  nationalNumberPattern(): string;
  possibleLengths(): number[] | undefined;
  nationalPrefix(): string | undefined;
  nationalPrefixForParsing(): string | undefined;
  nationalPrefixTransformRule(): string | undefined;
  hasTypes(): boolean;
  type(name: string): PlanType | undefined;
}
const PLAN_METHODS: Array<keyof RuntimePlan> = [
  'callingCode',
  'IDDPrefix',
  'nationalNumberPattern',
  'possibleLengths',
  'nationalPrefix',
  'nationalPrefixForParsing',
  'nationalPrefixTransformRule',
  'hasTypes',
  'type',
];

interface TypeRule {
  re: RegExp;
  lengths: readonly number[] | undefined;
}

interface FastPlan {
  region: string;
  callingCode: string;
  nationalPrefix: string;
  idd: RegExp;
  national: RegExp;
  lengths: readonly number[];
  fixedLine: TypeRule | undefined;
  mobile: TypeRule | undefined;
  /** No mobile rule, or an empty one: libphonenumber then calls fixed lines fixed_line_or_mobile. */
  mobileUnknown: boolean;
  /** Types after fixed line, in libphonenumber's order of checking. */
  others: Array<[PhoneType, TypeRule]>;
}

const OTHER_TYPES: Array<[string, PhoneType]> = [
  ['MOBILE', 'mobile'],
  ['PREMIUM_RATE', 'premium_rate'],
  ['TOLL_FREE', 'toll_free'],
  ['SHARED_COST', 'shared_cost'],
  ['VOIP', 'voip'],
  ['PERSONAL_NUMBER', 'personal_number'],
  ['PAGER', 'pager'],
  ['UAN', 'uan'],
  ['VOICEMAIL', 'voicemail'],
];

/** National significant numbers outside this range are rejected by libphonenumber's parser. */
const MIN_NSN = 2;
const MAX_NSN = 17;

let regionsByCallingCode: Map<string, string[]> | undefined;
const plans = new Map<string, FastPlan | null>();

function callingCodeRegions(): Map<string, string[]> {
  if (regionsByCallingCode) return regionsByCallingCode;
  regionsByCallingCode = new Map();
  for (const region of getCountries()) {
    const code = getCountryCallingCode(region);
    const list = regionsByCallingCode.get(code);
    if (list) list.push(region);
    else regionsByCallingCode.set(code, [region]);
  }
  return regionsByCallingCode;
}

function anchored(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

function buildPlan(region: string): FastPlan | null {
  if ((callingCodeRegions().get(getCountryCallingCode(region as CountryCode))?.length ?? 0) !== 1) return null;
  const metadata = new Metadata();
  metadata.selectNumberingPlan(region as CountryCode);
  const plan = metadata.numberingPlan as unknown as RuntimePlan | undefined;
  if (!plan || PLAN_METHODS.some((m) => typeof plan[m] !== 'function')) return null;
  const prefix = plan.nationalPrefix() ?? '';
  const forParsing = plan.nationalPrefixForParsing() ?? '';
  if (plan.nationalPrefixTransformRule() || forParsing !== prefix || !/^\d*$/.test(prefix) || !plan.hasTypes()) return null;
  const lengths = plan.possibleLengths();
  if (!lengths || lengths.length === 0) return null;

  const rule = (name: string): TypeRule | undefined => {
    const t = plan.type(name);
    const pattern = t?.pattern();
    return t && pattern ? { re: anchored(pattern), lengths: t.possibleLengths() } : undefined;
  };
  const mobile = plan.type('MOBILE');
  return {
    region,
    callingCode: plan.callingCode(),
    nationalPrefix: prefix,
    idd: new RegExp(`^(?:${plan.IDDPrefix()})`),
    national: anchored(plan.nationalNumberPattern()),
    lengths,
    fixedLine: rule('FIXED_LINE'),
    mobile: rule('MOBILE'),
    mobileUnknown: !mobile || mobile.pattern() === '',
    others: OTHER_TYPES.flatMap(([name, type]) => {
      const r = rule(name);
      return r ? [[type, r] as [PhoneType, TypeRule]] : [];
    }),
  };
}

function fastPlan(region: string): FastPlan | null {
  let plan = plans.get(region);
  if (plan === undefined) {
    plan = buildPlan(region);
    plans.set(region, plan);
  }
  return plan;
}

function matchesType(rule: TypeRule | undefined, nsn: string): boolean {
  if (!rule) return false;
  if (rule.lengths && !rule.lengths.includes(nsn.length)) return false;
  return rule.re.test(nsn);
}

/** libphonenumber's getNumberType on compiled patterns; undefined means not a valid number. */
function classify(plan: FastPlan, nsn: string): PhoneType | undefined {
  if (!plan.national.test(nsn)) return undefined;
  if (matchesType(plan.fixedLine, nsn)) {
    if (plan.mobileUnknown) return 'fixed_line_or_mobile';
    return matchesType(plan.mobile, nsn) ? 'fixed_line_or_mobile' : 'fixed_line';
  }
  for (const [type, rule] of plan.others) if (matchesType(rule, nsn)) return type;
  return undefined;
}

/** True when a national number of this length could be complete (libphonenumber's checkNumberLength). */
function possibleLength(lengths: readonly number[], length: number): boolean {
  if (length === lengths[0]) return true;
  if (length < lengths[0]) return false;
  if (length > lengths[lengths.length - 1]) return true; // "too long" still counts as complete
  return lengths.includes(length);
}

/** Removes a national prefix the way libphonenumber's extractNationalNumber does for plain prefixes. */
function stripNationalPrefix(plan: FastPlan, digits: string): string {
  const prefix = plan.nationalPrefix;
  if (prefix === '' || !digits.startsWith(prefix)) return digits;
  const rest = digits.slice(prefix.length);
  if (plan.national.test(digits) && !plan.national.test(rest)) return digits;
  return possibleLength(plan.lengths, rest.length) ? rest : digits;
}

function finish(plan: FastPlan, nsn: string): Interpretation | null {
  if (nsn.length < MIN_NSN || nsn.length > MAX_NSN) return null;
  const type = classify(plan, nsn);
  return type === undefined ? null : { e164: `+${plan.callingCode}${nsn}`, country: plan.region, type, ext: '' };
}

/**
 * Fast path for digits written after a "+" (or an international prefix). null = not a valid
 * number; undefined = not a case the fast path handles.
 */
function fastInternational(digits: string): Interpretation | null | undefined {
  if (digits[0] === '0') return undefined;
  const regions = callingCodeRegions();
  for (let i = 1; i <= 3 && i < digits.length; i++) {
    const list = regions.get(digits.slice(0, i));
    if (list === undefined) continue;
    const plan = list.length === 1 ? fastPlan(list[0]) : null;
    return plan ? finish(plan, stripNationalPrefix(plan, digits.slice(i))) : undefined;
  }
  return undefined;
}

/**
 * Fast path for a number written without "+" in region: an international prefix ("0049…"), the
 * region's own calling code without its "+" (taken as international exactly when libphonenumber
 * would: the national reading does not fit the number pattern but the shorter one does, or the
 * national reading is too long), or a national number with or without its national prefix.
 */
function fastNational(digits: string, region: string): Interpretation | null | undefined {
  const plan = fastPlan(region);
  if (!plan) return undefined;
  const idd = plan.idd.exec(digits);
  if (idd) {
    const rest = digits.slice(idd[0].length);
    return rest[0] === '0' || rest === '' ? undefined : fastInternational(rest);
  }
  const national = stripNationalPrefix(plan, digits);
  if (digits.startsWith(plan.callingCode)) {
    const shorter = stripNationalPrefix(plan, digits.slice(plan.callingCode.length));
    const lengths = plan.lengths;
    const tooLong = national.length !== lengths[0] && national.length > lengths[lengths.length - 1];
    if ((!plan.national.test(national) && plan.national.test(shorter)) || tooLong) return finish(plan, shorter);
  }
  return finish(plan, national);
}

/** libphonenumber itself; extract lets it find the number in free text. */
export function libraryInterpret(text: string, region: string, extract: boolean): Interpretation | null {
  try {
    const parsed = parsePhoneNumberWithError(text, { defaultCountry: region as CountryCode, extract });
    if (!parsed.isValid()) return null;
    return { e164: parsed.number, country: parsed.country ?? '', type: phoneTypeName(parsed.getType()), ext: parsed.ext ?? '' };
  } catch {
    return null;
  }
}

/**
 * Interprets plain digits: international when plus is set (the digits start with the calling
 * code), else national for region. null when not a valid number.
 */
export function interpretDigits(digits: string, plus: boolean, region: string): Interpretation | null {
  const fast = plus ? fastInternational(digits) : fastNational(digits, region);
  if (fast !== undefined) return fast;
  return libraryInterpret(plus ? `+${digits}` : digits, region, false);
}

/** Same as interpretDigits but always through libphonenumber (for the equivalence test). */
export function interpretDigitsWithLibrary(digits: string, plus: boolean, region: string): Interpretation | null {
  return libraryInterpret(plus ? `+${digits}` : digits, region, false);
}

const nationalPrefixes = new Map<string, string>();

/** The region's national (trunk) prefix ("0" in DE, "1" in US), '' when it has none. */
export function nationalPrefixOf(region: string): string {
  let prefix = nationalPrefixes.get(region);
  if (prefix === undefined) {
    const metadata = new Metadata();
    metadata.selectNumberingPlan(region as CountryCode);
    const plan = metadata.numberingPlan as unknown as Partial<RuntimePlan> | undefined;
    prefix = typeof plan?.nationalPrefix === 'function' ? (plan.nationalPrefix() ?? '') : '';
    nationalPrefixes.set(region, prefix);
  }
  return prefix;
}

/** ISO alpha-2 codes libphonenumber has a numbering plan for. */
export function isPhoneRegion(code: string): boolean {
  return isSupportedCountry(code as CountryCode);
}

/** Calling codes by region: the library builds a Metadata object on every call. */
const callingCodes = new Map<string, string>();

/** The calling code of a region ("49" for DE, "1" for US); '' when libphonenumber has no plan for it. */
export function callingCodeOf(region: string): string {
  let code = callingCodes.get(region);
  if (code === undefined) {
    code = isPhoneRegion(region) ? getCountryCallingCode(region as CountryCode) : '';
    if (callingCodes.size < 1000) callingCodes.set(region, code);
  }
  return code;
}

const mainRegions = new Map<string, string>();

/**
 * The main region of a calling code ("1" → US, "44" → GB, "7" → RU), as libphonenumber's metadata
 * lists it first; '' for an unknown code.
 */
export function mainRegionOf(callingCode: string): string {
  let region = mainRegions.get(callingCode);
  if (region === undefined) {
    const metadata = new Metadata() as unknown as { getCountryCodesForCallingCode?: (code: string) => string[] | undefined };
    const listed = typeof metadata.getCountryCodesForCallingCode === 'function' ? metadata.getCountryCodesForCallingCode(callingCode) : undefined;
    region = listed?.[0] ?? callingCodeRegions().get(callingCode)?.[0] ?? '';
    if (mainRegions.size < 1000) mainRegions.set(callingCode, region);
  }
  return region;
}

const iddPatterns = new Map<string, RegExp | null>();

/**
 * True when the digits start with the region's international (IDD) prefix ("00" in DE, "011" in
 * the US): the number is written internationally, whatever the region.
 */
export function startsWithIddPrefix(digits: string, region: string): boolean {
  let re = iddPatterns.get(region);
  if (re === undefined) {
    const metadata = new Metadata();
    metadata.selectNumberingPlan(region as CountryCode);
    const plan = metadata.numberingPlan as unknown as Partial<RuntimePlan> | undefined;
    const idd = typeof plan?.IDDPrefix === 'function' ? plan.IDDPrefix() : '';
    re = idd ? new RegExp(`^(?:${idd})`) : null;
    iddPatterns.set(region, re);
  }
  return re !== null && re.test(digits);
}
