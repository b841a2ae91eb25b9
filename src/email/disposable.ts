import { disposableEmailBlocklistSet } from 'disposable-email-domains-js';

// Built once: the package's own isDisposableEmailDomain() rebuilds its Set on every call.
const DISPOSABLE: ReadonlySet<string> = disposableEmailBlocklistSet();

/**
 * True when the ASCII domain or one of its parent domains is on the disposable list, so that
 * "x.mailinator.com" counts as well as "mailinator.com". The bare TLD is never looked up.
 */
export function isDisposableDomain(domain: string): boolean {
  let d = domain;
  while (d.includes('.')) {
    if (DISPOSABLE.has(d)) return true;
    d = d.slice(d.indexOf('.') + 1);
  }
  return false;
}
