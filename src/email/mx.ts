import { promises as dnsPromises } from 'node:dns';

/**
 * ok: the domain has a mail host (MX, or an A/AAAA record as the implicit host).
 * no_mx: the domain does not exist, publishes a null MX, or has neither MX nor address records.
 * unknown: no definite answer (timeout, SERVFAIL, refused); never a reason to call an address
 * invalid, because a slow resolver says nothing about the address.
 */
export type MxStatus = 'ok' | 'no_mx' | 'unknown';

/** The part of node's dns.promises.Resolver used here; tests and callers may inject their own. */
export interface MxResolver {
  resolveMx(hostname: string): Promise<{ exchange: string; priority: number }[]>;
  resolve4(hostname: string): Promise<string[]>;
  resolve6(hostname: string): Promise<string[]>;
}

export interface MxCheckerOptions {
  resolver?: MxResolver;
  /** Lookups in flight at once; keeps a big list from flooding the resolver. */
  concurrency?: number;
  /** Per domain, covering the MX query and any A/AAAA fallback. */
  timeoutMs?: number;
}

export interface MxChecker {
  /** The verdict for an ASCII domain; looked up once per domain, never rejects. */
  check(domain: string): Promise<MxStatus>;
  /** Distinct domains looked up or in flight so far. */
  readonly size: number;
}

/** Answers that mean "this name has no such record", as opposed to "no answer". */
const ABSENT = new Set(['ENOTFOUND', 'ENODATA']);

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

async function lookup(resolver: MxResolver, domain: string): Promise<MxStatus> {
  try {
    const records = await resolver.resolveMx(domain);
    if (records.length > 0) {
      // RFC 7505 null MX ("0 ."; node reports the exchange as ''): the domain accepts no mail.
      return records.every((r) => r.exchange === '' || r.exchange === '.') ? 'no_mx' : 'ok';
    }
  } catch (error) {
    const code = errorCode(error);
    // NXDOMAIN: the domain does not exist, so there is no address record to fall back to.
    if (code === 'ENOTFOUND') return 'no_mx';
    if (code !== 'ENODATA') return 'unknown';
  }
  // RFC 5321 §5.1: without MX records the domain's own address is the mail host.
  const answers = await Promise.allSettled([resolver.resolve4(domain), resolver.resolve6(domain)]);
  if (answers.some((a) => a.status === 'fulfilled' && a.value.length > 0)) return 'ok';
  const definite = answers.every((a) => a.status === 'fulfilled' || ABSENT.has(errorCode(a.reason)));
  return definite ? 'no_mx' : 'unknown';
}

function withTimeout(work: Promise<MxStatus>, timeoutMs: number): Promise<MxStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<MxStatus>((resolve) => {
    timer = setTimeout(() => resolve('unknown'), timeoutMs);
  });
  return Promise.race([work.catch((): MxStatus => 'unknown'), timeout]).finally(() => clearTimeout(timer));
}

/**
 * Checks domains for a mail host, once per distinct domain: concurrent calls for the same
 * domain share one in-flight lookup and later calls get the cached verdict. At most
 * `concurrency` lookups wait at a time. A timed-out lookup frees its slot straight away; the
 * default resolver's own timeout is set to the same value so abandoned queries end too.
 */
export function createMxChecker(options: MxCheckerOptions = {}): MxChecker {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 8));
  const timeoutMs = Math.max(1, options.timeoutMs ?? 3000);
  const resolver: MxResolver = options.resolver ?? new dnsPromises.Resolver({ timeout: timeoutMs, tries: 1 });
  const verdicts = new Map<string, Promise<MxStatus>>();
  const queue: (() => void)[] = [];
  let active = 0;

  // A freed slot is handed straight to the next waiter, so a caller arriving in between cannot
  // take it as well and push the count past the limit.
  async function acquire(): Promise<void> {
    if (active < concurrency) {
      active++;
      return;
    }
    await new Promise<void>((resume) => queue.push(resume));
  }

  function release(): void {
    const next = queue.shift();
    if (next) next();
    else active--;
  }

  async function limited(domain: string): Promise<MxStatus> {
    await acquire();
    try {
      return await withTimeout(lookup(resolver, domain), timeoutMs);
    } finally {
      release();
    }
  }

  return {
    check(domain: string): Promise<MxStatus> {
      const key = domain.trim().toLowerCase().replace(/\.$/, '');
      if (key === '') return Promise.resolve('unknown');
      let verdict = verdicts.get(key);
      if (verdict === undefined) {
        verdict = limited(key);
        verdicts.set(key, verdict);
      }
      return verdict;
    },
    get size() {
      return verdicts.size;
    },
  };
}
