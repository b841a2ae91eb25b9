import { z } from 'zod';
import { CountryCode, strict } from './common.js';

/* ------------------------------------------------------------------ suppress */

/** granted: only with documented consent; not_denied: unless refused; ignore: consent not checked. */
export const ConsentPolicy = z.enum(['granted', 'not_denied', 'ignore']);

export const Suppress = strict({
  /** Channels a row can be contacted on; a row with none left is suppressed. */
  channels: z.array(z.enum(['email', 'phone', 'post'])).min(1).default(['email', 'phone']),
  consent: strict({
    email: ConsentPolicy.default('granted'),
    phone_b2c: ConsentPolicy.default('granted'),
    phone_b2b: ConsentPolicy.default('not_denied'),
    post: ConsentPolicy.default('ignore'),
    /** How to treat rows classify could not place; b2c is the cautious choice. */
    unknown_segment: z.enum(['b2c', 'b2b']).default('b2c'),
    granted_values: z.array(z.string().min(1)).default([]),
    denied_values: z.array(z.string().min(1)).default([]),
  }).prefault({}),
  /** Domain lists also match the company website, not only the email domain. */
  match_website: z.boolean().default(true),
  /** Region for phone numbers written without country code, in lists and in rows without a country. */
  phone_region: CountryCode.default('DE'),
});

export type SuppressConfig = z.output<typeof Suppress>;
export type ConsentPolicyName = z.output<typeof ConsentPolicy>;
