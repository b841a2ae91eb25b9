import type { Command } from './types.js';
import type { Context } from '../context.js';
import { formatCount } from '../context.js';
import type { Row, Table } from '../table.js';
import { INPUT_FIELDS, makeCellValidator, outputColumns, phoneFields, type ValidateSettings } from '../validate/row.js';
import { parseRejectIf, rejectReason, REJECT_CONDITIONS } from '../validate/reject.js';
import { mapBatchesInParallel } from '../parallel/pool.js';
import { promises as dnsPromises } from 'node:dns';
import { applyMxStatus, checkEmail, createMxChecker, type MxCheckerOptions } from '../email/index.js';
import { compileRowExtender, compileRowReader } from '../io/row-shape.js';
import { checkSideFile, SideFile, withSideFiles } from '../io/side-file.js';
import { DOMINANT_SAMPLE_ROWS, dominantCountry } from '../address/index.js';
import { UsageError } from '../errors.js';
import { peekRows } from '../io/peek-rows.js';
import { JOBS_OPTION } from './option-flags.js';

export interface ValidateOptions {
  checks?: string;
  fixTypos?: boolean;
  defaultCountry?: string;
  rejectIf?: string;
  rejects?: string;
  mx?: boolean;
  mxTimeout?: number;
  dnsServer?: string[];
  jobs?: number;
}

const CHECKS = ['email', 'phone', 'address'];

function settingsFrom(opts: ValidateOptions, columns: string[]): ValidateSettings {
  const checks = (opts.checks ?? CHECKS.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  for (const c of checks) if (!CHECKS.includes(c)) throw new UsageError(`--checks: unknown check "${c}" (known: ${CHECKS.join(', ')})`);
  const dc = opts.defaultCountry ?? 'DE';
  return {
    email: checks.includes('email'),
    phone: checks.includes('phone'),
    address: checks.includes('address'),
    fixTypos: Boolean(opts.fixTypos),
    defaultCountry: dc,
    defaultStated: opts.defaultCountry !== undefined,
    hasMobile: columns.includes('mobile'),
    hasFax: columns.includes('fax'),
  };
}

/** Counts per status column, for the reconciling summary line. */
class StatusCounts {
  private readonly maps: Map<string, number>[];
  private readonly read: (row: Row, out: string[]) => void;
  private readonly values: string[];
  constructor(private readonly cols: string[]) {
    this.maps = cols.map(() => new Map());
    this.read = compileRowReader(cols);
    this.values = cols.map(() => '');
  }
  add(row: Row): void {
    this.read(row, this.values);
    for (let i = 0; i < this.cols.length; i++) {
      const v = this.values[i] || '(empty)';
      const m = this.maps[i];
      m.set(v, (m.get(v) ?? 0) + 1);
    }
  }
  describe(): string {
    return this.cols
      .map((c, i) => (this.maps[i].size === 0 ? '' : `${c.replace(/_status$/, '')} ${[...this.maps[i].entries()].map(([k, n]) => `${k} ${formatCount(n)}`).join(', ')}`))
      .filter(Boolean)
      .join('; ');
  }
}

export const validateCommand: Command<ValidateOptions> = {
  name: 'validate',
  summary: 'Check emails, phone numbers and postal addresses offline; add status columns',
  description:
    'Adds email_status/_reason/_flags/_suggestion, phone_status/_type/_country/_display/_region_guessed (also for mobile and fax), ' +
    'address_status/_reason, and normalises email (lower case), phones (E.164 when valid), postcodes, streets ' +
    "(Str. → Straße, house number and the unit — Apt 4B, Flat 3 — split off into house_number and address_unit), cities (from the postcode table) and country (ISO code). " +
    'No data leaves the machine unless --mx asks DNS about mail domains. Rows are only removed with --reject-if, ' +
    'into the --rejects file with a reject_reason column. Conditions: ' +
    Object.entries(REJECT_CONDITIONS)
      .map(([k, v]) => `${k} (${v.help})`)
      .join(', ') +
    '.',
  examples: [
    'leadkit import vendor.csv | leadkit validate > validated.csv',
    'leadkit validate leads.csv --reject-if invalid_email,no_contact --rejects rejects.csv -o valid.csv',
    'leadkit validate leads.csv --checks email --fix-typos --mx',
  ],
  options: [
    { flags: '--checks <list>', description: 'which checks to run: email, phone, address', default: 'email,phone,address' },
    { flags: '--default-country <cc>', description: 'country for national numbers and addresses when the row has none (default DE); given, a phone read in it is no guessed region', type: 'country' },
    { flags: '--fix-typos', description: 'apply email typo suggestions (the original goes to email_original)' },
    { flags: '--reject-if <conditions>', description: 'move rows meeting any of these conditions to --rejects (comma-separated)' },
    { flags: '--rejects <file>', description: 'side file for rejected rows, with a reject_reason column', path: true },
    { flags: '--mx', description: 'look up MX records once per mail domain; a domain with no mail host makes the address invalid (no_mx)' },
    { flags: '--mx-timeout <ms>', description: 'DNS timeout per domain for --mx', default: '3000', type: 'positive' },
    { flags: '--dns-server <ip[:port]>', description: 'ask this DNS server for --mx instead of the system resolver', repeatable: true },
    JOBS_OPTION,
  ],

  async transform(input: Table, opts: ValidateOptions, ctx: Context): Promise<Table> {
    const s = settingsFrom(opts, input.columns);
    const conditions = parseRejectIf(opts.rejectIf);
    if (conditions.length && !opts.rejects) throw new UsageError('--reject-if needs --rejects FILE: rejected rows are never dropped silently');
    if (opts.rejects && !conditions.length) throw new UsageError('--rejects goes with --reject-if CONDITIONS');
    checkSideFile('--rejects', opts.rejects, ctx.io.output);
    const jobs = opts.jobs;
    warnMissingColumns(s, input.columns, ctx);
    const added = outputColumns(s);
    const columns = placeColumns(input.columns, added);
    const statusCols = added.filter((c) => c.endsWith('_status'));
    // The list's dominant country, from its first DOMINANT_SAMPLE_ROWS rows (held back until they
    // are read), places rows that name none (before the default); decided once here so that every
    // worker thread reads rows the same way.
    const { first, batches } = await peekRows(input.batches, input.columns.includes('country') ? DOMINANT_SAMPLE_ROWS : 0);
    if (input.columns.includes('country') && s.listCountry === undefined) {
      const list = dominantCountry(first.map((r) => r.country));
      if (list) s.listCountry = list;
    }
    const validate = makeCellValidator(s);
    const mx = opts.mx ? createMxChecker(mxOptions(opts)) : undefined;

    const readInputs = compileRowReader([...INPUT_FIELDS]);
    const extract = (batch: Row[]) =>
      batch.map((r) => {
        const cells = new Array<string>(INPUT_FIELDS.length);
        readInputs(r, cells);
        return cells;
      });
    const extend = compileRowExtender(columns, added);
    const merge = (batch: Row[], results: string[][]) => {
      const out: Row[] = new Array(batch.length);
      for (let i = 0; i < batch.length; i++) out[i] = extend(batch[i], results[i]);
      return out;
    };

    const counts = new StatusCounts(statusCols);
    const guessedCols = s.phone ? phoneFields(s).map((f) => `${f}_region_guessed`) : [];
    let regionGuessed = 0;
    let rowsIn = 0;
    let rejected = 0;
    const rejects = opts.rejects && conditions.length ? new SideFile(opts.rejects, [...columns, 'reject_reason'], ctx) : undefined;

    async function* out(): AsyncGenerator<Row[]> {
      const validated = mapBatchesInParallel(batches, extract, merge, (cells) => cells.map(validate), {
        workerUrl: new URL('../validate/worker.js', import.meta.url),
        workerData: s,
        jobs,
        warn: (message) => ctx.warn(message),
      });
      for await (const batch of validated) {
        if (mx) await applyMx(batch, mx);
        rowsIn += batch.length;
        const keep: Row[] = [];
        for (const row of batch) {
          counts.add(row);
          if (guessedCols.some((c) => row[c] === 'true')) regionGuessed++;
          const reason = conditions.length ? rejectReason(row, conditions) : '';
          if (!reason) {
            keep.push(row);
            continue;
          }
          row.reject_reason = reason;
          await (rejects as SideFile).write(row);
          delete row.reject_reason;
          rejected++;
          ctx.tally.record('validate', 'rejected', reason.split(';'));
        }
        if (keep.length) yield keep;
      }
      const rej = conditions.length ? ` + ${formatCount(rejected)} rejected → ${opts.rejects}` : '';
      const statuses = counts.describe();
      // Rows whose phone is valid only in a guessed country: a --fail-if metric for `leadkit run`.
      if (s.phone) ctx.tally.measure('phone_region_guessed', regionGuessed);
      const guessed = regionGuessed > 0 ? `; phone region guessed ${formatCount(regionGuessed)}` : '';
      ctx.summary(`validate: ${formatCount(rowsIn)} in = ${formatCount(rowsIn - rejected)} out${rej}${statuses ? `; ${statuses}` : ''}${guessed}${mx ? `; MX looked up for ${formatCount(mx.size)} domains` : ''}`);
    }
    // The rejects file (an empty one too: it says nothing was rejected) commits with the output.
    return { columns, batches: withSideFiles([rejects], out()) };
  },
};

function mxOptions(opts: ValidateOptions): MxCheckerOptions {
  const timeoutMs = opts.mxTimeout ?? 3000;
  if (!opts.dnsServer?.length) return { timeoutMs };
  const resolver = new dnsPromises.Resolver({ timeout: timeoutMs, tries: 1 });
  try {
    resolver.setServers(opts.dnsServer);
  } catch {
    throw new UsageError(`--dns-server expects an IP address with an optional port (1.1.1.1, 127.0.0.1:5353, [::1]:53); got "${opts.dnsServer.join(', ')}"`);
  }
  return { timeoutMs, resolver };
}

/** --mx: one lookup per distinct domain; rows whose domain has no mail host become invalid. */
async function applyMx(batch: Row[], mx: ReturnType<typeof createMxChecker>): Promise<void> {
  const domains = new Map<string, Promise<string>>();
  for (const row of batch) {
    if (row.email_status !== 'valid' && row.email_status !== 'risky') continue;
    const d = row.email.slice(row.email.lastIndexOf('@') + 1);
    if (!domains.has(d)) domains.set(d, mx.check(checkEmail(row.email).domain || d));
  }
  const verdicts = new Map<string, string>();
  await Promise.all([...domains.entries()].map(async ([d, p]) => verdicts.set(d, await p)));
  for (const row of batch) {
    if (row.email_status !== 'valid' && row.email_status !== 'risky') continue;
    const v = verdicts.get(row.email.slice(row.email.lastIndexOf('@') + 1));
    if (v === 'no_mx') {
      const r = applyMxStatus(checkEmail(row.email), 'no_mx');
      row.email_status = r.status;
      row.email_reason = r.reason;
    }
  }
}

/** A list that was never imported has vendor headers: say so instead of marking every row missing. */
function warnMissingColumns(s: ValidateSettings, columns: string[], ctx: Context): void {
  const lacking: string[] = [];
  if (s.email && !columns.includes('email')) lacking.push('email');
  if (s.phone && !['phone', 'mobile'].some((c) => columns.includes(c))) lacking.push('phone');
  if (s.address && !['street', 'postal_code', 'city'].some((c) => columns.includes(c))) lacking.push('address (street, postal_code, city)');
  if (lacking.length) {
    ctx.warn(`validate: the input has no ${lacking.join(', ')} column, so those checks say "missing" for every row (run leadkit import first to map vendor headers)`);
  }
}

/** New columns that belong next to an existing one; the rest go at the end. */
const NEIGHBOURS: Record<string, string> = { house_number: 'street', address_unit: 'house_number', city_original: 'city' };

function placeColumns(columns: string[], added: string[]): string[] {
  const out = columns.slice();
  for (const c of added) {
    if (out.includes(c)) continue;
    const at = NEIGHBOURS[c] ? out.indexOf(NEIGHBOURS[c]) : -1;
    if (at >= 0) out.splice(at + 1, 0, c);
    else out.push(c);
  }
  return out;
}
