import { UsageError } from '../errors.js';
import type { Row } from '../table.js';

/**
 * Conditions for `validate --reject-if`. Each reads only the status columns validate writes,
 * so the same names work on a list validated earlier.
 */
export const REJECT_CONDITIONS: Record<string, { help: string; test: (r: Row) => boolean }> = {
  invalid_email: { help: 'email_status is invalid', test: (r) => r.email_status === 'invalid' },
  risky_email: { help: 'email_status is risky (disposable or a likely typo)', test: (r) => r.email_status === 'risky' },
  missing_email: { help: 'no email address', test: (r) => r.email_status === 'missing' },
  disposable_email: { help: 'a throwaway (disposable) email domain', test: (r) => (r.email_flags ?? '').split(';').includes('disposable') },
  role_email: { help: 'a role address such as info@ or vertrieb@', test: (r) => (r.email_flags ?? '').split(';').includes('role') },
  invalid_phone: {
    help: 'phone_status is invalid or no_area_code (a number nobody can dial as it stands)',
    test: (r) => r.phone_status === 'invalid' || r.phone_status === 'no_area_code',
  },
  no_phone: { help: 'neither a valid phone nor a valid mobile number', test: (r) => r.phone_status !== 'valid' && r.mobile_status !== 'valid' },
  invalid_address: { help: 'address_status is invalid', test: (r) => r.address_status === 'invalid' },
  missing_address: { help: 'no address at all', test: (r) => r.address_status === 'missing' },
  no_contact: {
    help: 'no usable email (valid or risky) and no valid phone or mobile: nobody can reach this lead',
    test: (r) => r.email_status !== 'valid' && r.email_status !== 'risky' && r.phone_status !== 'valid' && r.mobile_status !== 'valid',
  },
};

export function parseRejectIf(spec: string | undefined): string[] {
  if (!spec) return [];
  const names = spec.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) {
    if (!REJECT_CONDITIONS[n]) throw new UsageError(`--reject-if: unknown condition "${n}" (known: ${Object.keys(REJECT_CONDITIONS).join(', ')})`);
  }
  return names;
}

/** The conditions a row meets, `;`-joined ('' = keep). */
export function rejectReason(row: Row, conditions: string[]): string {
  let reason = '';
  for (const c of conditions) if (REJECT_CONDITIONS[c].test(row)) reason = reason ? `${reason};${c}` : c;
  return reason;
}
