import type { Row } from '../table.js';
import { resolveRowCountry } from '../address/country-resolver.js';
import type { ConsentPolicyName, SuppressConfig } from '../rules/suppress.js';
import { consentVocabulary, parseConsent, type Consent, type ConsentVocabulary } from './consent.js';
import { buildSuppressionIndex, listReasons, type SuppressionIndex } from './suppression-index.js';

/**
 * The suppress stage for one row: which channels may be used (`channels`, e.g. "email;phone"),
 * whether the row is suppressed, and why (`suppress_reason`, ";"-joined).
 *
 * A channel needs contact data that is not known to be invalid and consent as the policy asks:
 *   email  consent_email; default policy "granted" — in Germany (UWG §7) advertising email
 *          needs prior express consent, from consumers and businesses alike
 *   phone  consent_phone; B2C "granted" (calls to consumers need prior express consent), B2B
 *          "not_denied" (presumed consent suffices, an objection ends it); a row classify could
 *          not place is treated as B2C unless the rules say otherwise
 *   post   only when listed in suppress.channels; consent ignored by default (postal
 *          advertising is allowed until the recipient objects)
 * A row is suppressed when it is on a do-not-contact list (then no channel is left either) or
 * when no channel is left. Every reason that applies is listed, also for a dropped channel when
 * other channels remain ("phone" with reason no_email_consent) and for a listed row.
 *
 * Reason codes: list_email:<list>, list_hash:<list>, list_domain:<list>, list_phone:<list>,
 * no_email_consent, no_phone_consent_b2c, no_phone_consent_b2b, no_post_consent,
 * no_contact_data (no usable email, phone or address at all).
 */

export const SUPPRESS_COLUMNS = ['channels', 'suppressed', 'suppress_reason'] as const;
export type SuppressColumn = (typeof SUPPRESS_COLUMNS)[number];

export interface SuppressResult {
  channels: string[];
  suppressed: boolean;
  reasons: string[];
}

export type Suppressor = (row: Row) => SuppressResult;

function allowed(policy: ConsentPolicyName, consent: Consent): boolean {
  if (policy === 'ignore') return true;
  if (policy === 'granted') return consent === 'granted';
  return consent !== 'denied';
}

function usable(row: Row, value: string, status: string): boolean {
  return (row[value] ?? '').trim() !== '' && (row[status] ?? '').trim().toLowerCase() !== 'invalid';
}

function isB2c(row: Row, config: SuppressConfig): boolean {
  const segment = (row.segment ?? '').trim().toLowerCase();
  if (segment === 'b2b') return false;
  if (segment === 'b2c') return true;
  return config.consent.unknown_segment === 'b2c';
}

export function createSuppressor(config: SuppressConfig, index: SuppressionIndex = buildSuppressionIndex([])): Suppressor {
  const vocabulary: ConsentVocabulary = consentVocabulary(config.consent.granted_values, config.consent.denied_values);
  const wants = new Set(config.channels);
  const consentOf = (row: Row, col: string) => parseConsent(row[col] ?? '', vocabulary);

  return (row) => {
    const reasons = listReasons(row, index, {
      matchWebsite: config.match_website,
      phoneRegion: config.phone_region,
      // src/address's answer for the row (its country column, else a postcode or state only one
      // country uses), as validate reads its phones; '' leaves the phone region to the default.
      country: resolveRowCountry(row).code,
    });
    const onList = reasons.length > 0;
    const channels: string[] = [];
    let hasContactData = false;

    if (wants.has('email') && usable(row, 'email', 'email_status')) {
      hasContactData = true;
      if (allowed(config.consent.email, consentOf(row, 'consent_email'))) channels.push('email');
      else reasons.push('no_email_consent');
    }
    if (wants.has('phone') && (usable(row, 'phone', 'phone_status') || usable(row, 'mobile', 'mobile_status'))) {
      hasContactData = true;
      const b2c = isB2c(row, config);
      if (allowed(b2c ? config.consent.phone_b2c : config.consent.phone_b2b, consentOf(row, 'consent_phone'))) channels.push('phone');
      else reasons.push(b2c ? 'no_phone_consent_b2c' : 'no_phone_consent_b2b');
    }
    if (wants.has('post') && ['street', 'postal_code', 'city'].every((c) => (row[c] ?? '').trim() !== '') && (row.address_status ?? '').trim().toLowerCase() !== 'invalid') {
      hasContactData = true;
      if (allowed(config.consent.post, consentOf(row, 'consent_post'))) channels.push('post');
      else reasons.push('no_post_consent');
    }
    if (!hasContactData && !onList) reasons.push('no_contact_data');

    const suppressed = onList || channels.length === 0;
    return { channels: suppressed ? [] : channels, suppressed, reasons };
  };
}

/** The result as the stage's output columns. */
export function suppressColumns(result: SuppressResult): Record<SuppressColumn, string> {
  return {
    channels: result.channels.join(';'),
    suppressed: result.suppressed ? 'true' : 'false',
    suppress_reason: result.reasons.join(';'),
  };
}
