import { promises as dns } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMxChecker, type MxResolver, type MxStatus } from '../src/email/index.js';
import { a, mx, RCODE, startDnsServer, TYPE, type DnsServer, type Zone } from './helpers/dns-server.js';

const ZONES: Record<string, Zone> = {
  'mail-ok.test': { answers: { [TYPE.MX]: [mx(10, 'mx1.mail-ok.test'), mx(20, 'mx2.mail-ok.test')] } },
  'dedupe.test': { answers: { [TYPE.MX]: [mx(10, 'mx.dedupe.test')] } },
  'a-only.test': { answers: { [TYPE.A]: [a('192.0.2.10')] } },
  'nothing.test': {},
  'null-mx.test': { answers: { [TYPE.MX]: [mx(0, '')] } },
  'broken.test': { rcode: RCODE.SERVFAIL },
  'silent.test': { silent: true },
  'silent-1.test': { silent: true },
  'silent-2.test': { silent: true },
  'silent-3.test': { silent: true },
  'silent-4.test': { silent: true },
};

let server: DnsServer;
let resolver: dns.Resolver;

beforeAll(async () => {
  server = await startDnsServer(ZONES);
  // The resolver's own timeout is far longer than the checker's, so "silent" domains exercise
  // the checker's timeout, not c-ares'.
  resolver = new dns.Resolver({ timeout: 10_000, tries: 1 });
  resolver.setServers([server.address]);
});

afterAll(async () => {
  resolver.cancel();
  await server.close();
});

const queriesFor = (name: string, type?: number): number => server.queries.filter((q) => q.name === name && (type === undefined || q.type === type)).length;

describe('createMxChecker against a loopback DNS server', () => {
  it.each([
    ['mail-ok.test', 'ok'],
    ['a-only.test', 'ok'], // no MX, but an A record is the implicit mail host
    ['nothing.test', 'no_mx'], // the name exists without MX, A or AAAA
    ['null-mx.test', 'no_mx'], // RFC 7505: "0 ." says the domain takes no mail
    ['missing.test', 'no_mx'], // NXDOMAIN
    ['broken.test', 'unknown'], // SERVFAIL says nothing about the domain
  ] as [string, MxStatus][])('%s → %s', async (domain, expected) => {
    const checker = createMxChecker({ resolver, timeoutMs: 2000 });
    expect(await checker.check(domain)).toBe(expected);
  });

  it('falls back to A/AAAA only when the MX answer is empty', async () => {
    const checker = createMxChecker({ resolver, timeoutMs: 2000 });
    await checker.check('a-only.test');
    await checker.check('missing.test');
    expect(queriesFor('a-only.test', TYPE.A)).toBeGreaterThanOrEqual(1);
    expect(queriesFor('missing.test', TYPE.A)).toBe(0);
  });

  it('answers unknown when the server never replies, within the timeout', async () => {
    const checker = createMxChecker({ resolver, timeoutMs: 300 });
    const started = Date.now();
    expect(await checker.check('silent.test')).toBe('unknown');
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(3000);
  });

  it('looks a domain up once, sharing the in-flight lookup and caching the verdict', async () => {
    const checker = createMxChecker({ resolver, timeoutMs: 2000 });
    const first = await Promise.all([checker.check('dedupe.test'), checker.check('DEDUPE.test'), checker.check('dedupe.test.')]);
    expect(first).toEqual(['ok', 'ok', 'ok']);
    expect(await checker.check('dedupe.test')).toBe('ok');
    expect(queriesFor('dedupe.test', TYPE.MX)).toBe(1);
    expect(checker.size).toBe(1);
  });

  it('keeps at most `concurrency` lookups in flight', async () => {
    const checker = createMxChecker({ resolver, concurrency: 2, timeoutMs: 400 });
    const names = ['silent-1.test', 'silent-2.test', 'silent-3.test', 'silent-4.test'];
    const started = Date.now();
    const pending = Promise.all(names.map((n) => checker.check(n)));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(names.filter((n) => queriesFor(n) > 0)).toHaveLength(2);
    expect(await pending).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    expect(names.filter((n) => queriesFor(n) > 0)).toHaveLength(4);
    // Two waves of 400 ms each.
    expect(Date.now() - started).toBeGreaterThanOrEqual(750);
  });
});

describe('createMxChecker with an injected resolver', () => {
  function fakeResolver(handlers: Partial<MxResolver>, delayMs = 0): MxResolver & { maxActive: number } {
    let active = 0;
    const fake = {
      maxActive: 0,
      async run<T>(work: () => Promise<T>): Promise<T> {
        active++;
        fake.maxActive = Math.max(fake.maxActive, active);
        try {
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          return await work();
        } finally {
          active--;
        }
      },
      resolveMx: (host: string) => fake.run(() => (handlers.resolveMx ?? (async () => [{ exchange: `mx.${host}`, priority: 10 }]))(host)),
      resolve4: (host: string) => fake.run(() => (handlers.resolve4 ?? (async () => []))(host)),
      resolve6: (host: string) => fake.run(() => (handlers.resolve6 ?? (async () => []))(host)),
    };
    return fake;
  }

  it('never exceeds the concurrency limit, including waiters resumed while new calls arrive', async () => {
    const fake = fakeResolver({}, 5);
    const checker = createMxChecker({ resolver: fake, concurrency: 3 });
    const domains = Array.from({ length: 40 }, (_, i) => `firma-${i}.de`);
    const first = domains.slice(0, 20).map((d) => checker.check(d));
    await new Promise((resolve) => setTimeout(resolve, 7));
    const rest = domains.slice(20).map((d) => checker.check(d));
    expect(await Promise.all([...first, ...rest])).toEqual(domains.map(() => 'ok'));
    expect(fake.maxActive).toBe(3);
    expect(checker.size).toBe(40);
  });

  it('maps resolver errors by code, and unexpected failures to unknown', async () => {
    const error = (code: string): Error => Object.assign(new Error(code), { code });
    const cases: [Partial<MxResolver>, MxStatus][] = [
      [{ resolveMx: async () => { throw error('ENOTFOUND'); } }, 'no_mx'],
      [{ resolveMx: async () => { throw error('ENODATA'); }, resolve6: async () => ['2001:db8::1'] }, 'ok'],
      [{ resolveMx: async () => { throw error('ENODATA'); }, resolve4: async () => { throw error('ENODATA'); } }, 'no_mx'],
      [{ resolveMx: async () => { throw error('ENODATA'); }, resolve4: async () => { throw error('ETIMEOUT'); } }, 'unknown'],
      [{ resolveMx: async () => { throw error('ECONNREFUSED'); } }, 'unknown'],
      [{ resolveMx: async () => { throw new Error('boom'); } }, 'unknown'],
      [{ resolveMx: async () => [] }, 'no_mx'],
      [{ resolveMx: async () => [{ exchange: '', priority: 0 }] }, 'no_mx'],
    ];
    for (const [handlers, expected] of cases) {
      const checker = createMxChecker({ resolver: fakeResolver(handlers) });
      expect(await checker.check('firma.de')).toBe(expected);
    }
  });

  it('answers unknown for an empty domain without a lookup', async () => {
    const fake = fakeResolver({});
    const checker = createMxChecker({ resolver: fake });
    expect(await checker.check('  ')).toBe('unknown');
    expect(fake.maxActive).toBe(0);
  });
});
