import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { Command } from './types.js';
import type { Context } from '../context.js';
import { formatCount } from '../context.js';
import { withColumns, type Row, type Table } from '../table.js';
import { parseSuppressionList, type SuppressionList } from '../suppress/suppression-list.js';
import { buildSuppressionIndex } from '../suppress/suppression-index.js';
import { createSuppressor, suppressColumns, SUPPRESS_COLUMNS } from '../suppress/suppressor.js';
import type { SuppressConfig } from '../rules/suppress.js';
import { detectEncoding } from '../io/sniff.js';
import { checkSideFile, SideFile, withSideFiles } from '../io/side-file.js';
import { UsageError } from '../errors.js';
import { loadRules, RULES_OPTION, ValueCounts } from './qualify-shared.js';

export interface SuppressOptions {
  rules?: string;
  list?: string[];
  mode?: 'remove' | 'flag';
  suppressed?: string;
  defaultCountry?: string;
}

/**
 * Names that appear in suppress_reason ("list_email:robinson.txt"): the file name, or the path
 * as given when two lists share a file name, so a reason always points at one file.
 */
export function listNames(files: readonly string[]): string[] {
  const base = files.map((f) => path.basename(f));
  return base.map((b, i) => (base.filter((x) => x === b).length > 1 ? files[i] : b));
}

/** Reads a do-not-contact list; Robinson lists come from Windows tools as often as not. */
export function readList(file: string, name: string, phoneRegion: string, ctx: Context): SuppressionList {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`--list ${file}: cannot read the list (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (code ?? 'unreadable')})`, 'E_LIST');
  }
  const enc = detectEncoding(buf, true);
  const list = parseSuppressionList(iconv.decode(buf.subarray(enc.bomLength), enc.encoding), name, { phoneRegion });
  const entries = list.emails.size + list.domains.size + list.phones.size + list.hashes.md5.size + list.hashes.sha1.size + list.hashes.sha256.size;
  if (list.rejected.length > 0) {
    const shown = list.rejected.slice(0, 3).map((r) => `line ${r.line} "${r.text.length > 40 ? `${r.text.slice(0, 40)}…` : r.text}"`);
    ctx.warn(`suppress: ${file}: skipped ${formatCount(list.rejected.length)} line(s) that are no email, domain, phone number or md5/sha1/sha256 hash (${shown.join(', ')}${list.rejected.length > 3 ? ', …' : ''})`);
  }
  if (entries === 0) ctx.warn(`suppress: ${file}: the list has no entries`);
  return list;
}

function describeList(l: SuppressionList): string {
  const parts: Array<[number, string, string]> = [
    [l.emails.size, 'email', 'emails'],
    [l.domains.size, 'domain', 'domains'],
    [l.phones.size, 'phone', 'phones'],
    [l.hashes.md5.size, 'md5', 'md5'],
    [l.hashes.sha1.size, 'sha1', 'sha1'],
    [l.hashes.sha256.size, 'sha256', 'sha256'],
  ];
  const shown = parts.filter(([n]) => n > 0).map(([n, one, many]) => `${formatCount(n)} ${n === 1 ? one : many}`);
  return `${l.name} (${shown.join(', ') || 'empty'})`;
}

/**
 * Consent defaults are strict (UWG §7: advertising email needs documented consent), so a list
 * without the consent columns loses channels wholesale. That is right, but never a surprise.
 */
export function warnConsentColumns(config: SuppressConfig, columns: readonly string[], ctx: Context, step = 'suppress'): void {
  const has = (c: string) => columns.includes(c);
  const c = config.consent;
  if (config.channels.includes('email') && c.email !== 'ignore' && !has('consent_email')) {
    ctx.warn(`${step}: no consent_email column; with consent.email "${c.email}" ${c.email === 'granted' ? 'no row keeps the email channel' : 'every email counts as unknown consent'} (set suppress.consent.email in the rules file if consent is documented elsewhere)`);
  }
  if (config.channels.includes('phone')) {
    if (!has('consent_phone') && (c.phone_b2c === 'granted' || c.phone_b2b === 'granted')) {
      ctx.warn(`${step}: no consent_phone column; rows whose phone needs documented consent (${c.phone_b2c === 'granted' ? 'b2c' : ''}${c.phone_b2c === 'granted' && c.phone_b2b === 'granted' ? ' and ' : ''}${c.phone_b2b === 'granted' ? 'b2b' : ''}) lose the phone channel`);
    }
    if (!has('segment') && c.phone_b2c !== c.phone_b2b) {
      ctx.warn(`${step}: no segment column (run classify first); every row counts as ${c.unknown_segment} for phone consent`);
    }
  }
}

export const suppressCommand: Command<SuppressOptions> = {
  name: 'suppress',
  summary: 'Remove or flag rows on do-not-contact lists and rows without consent for any channel',
  description:
    'Adds channels (e.g. "email;phone"), suppressed (true/false) and suppress_reason. Lists (--list, repeatable) hold ' +
    'one entry per line, recognised by form: emails, domains (also covering subdomains and, by default, the website ' +
    'column), phone numbers in any format (compared in E.164), and md5/sha1/sha256 hex hashes of the trimmed, ' +
    'lower-cased email. Consent columns (consent_email, consent_phone: ja/nein, yes/no, 1/0, opt-in, a date) decide ' +
    'the channels: no email consent removes the email channel; B2C phone needs documented consent. A row on a list ' +
    'or with no channel left is suppressed. In remove mode (default) suppressed rows go to the --suppressed file with ' +
    'their reason, which is therefore required; --mode flag keeps them in the output with suppressed=true.',
  examples: [
    'leadkit suppress leads.csv --list robinson.txt --list optouts.csv --suppressed suppressed.csv -o contactable.csv',
    'leadkit classify leads.csv | leadkit suppress --list hashes-sha256.txt --mode flag > flagged.csv',
  ],
  options: [
    { ...RULES_OPTION, description: `${RULES_OPTION.description}; uses its suppress section (channels, consent policies)` },
    { flags: '--list <file>', description: 'do-not-contact list: emails, domains, phones, md5/sha1/sha256 email hashes', repeatable: true, path: true },
    { flags: '--mode <mode>', description: 'remove: suppressed rows go to --suppressed; flag: they stay, with suppressed=true', choices: ['remove', 'flag'], default: 'remove' },
    { flags: '--suppressed <file>', description: 'side file for removed rows, with suppress_reason (required in remove mode)', path: true },
    { flags: '--default-country <cc>', description: 'region for phone numbers without country code, in lists and rows without a country (overrides suppress.phone_region; default DE)', type: 'country' },
  ],

  async transform(input: Table, opts: SuppressOptions, ctx: Context): Promise<Table> {
    const mode = opts.mode ?? 'remove';
    if (mode === 'remove' && !opts.suppressed) {
      throw new UsageError('suppress removes rows only into a side file: give --suppressed FILE, or --mode flag to keep them with suppressed=true');
    }
    if (mode === 'flag' && opts.suppressed) throw new UsageError('--suppressed goes with --mode remove; in flag mode suppressed rows stay in the output');
    checkSideFile('--suppressed', opts.suppressed, ctx.io.output);

    const config = { ...loadRules(opts.rules).suppress };
    const cc = opts.defaultCountry;
    if (cc) config.phone_region = cc;
    const files = opts.list ?? [];
    const names = listNames(files);
    const lists = files.map((f, i) => readList(f, names[i], config.phone_region, ctx));
    const suppress = createSuppressor(config, buildSuppressionIndex(lists));
    warnConsentColumns(config, input.columns, ctx);
    const columns = withColumns(input.columns, [...SUPPRESS_COLUMNS]);

    const reasons = new ValueCounts();
    const dropped = new ValueCounts();
    let rowsIn = 0;
    let suppressed = 0;

    // The side file has the output's columns, so its rows can be checked and fed back as they are.
    const side = mode === 'remove' ? new SideFile(opts.suppressed as string, columns, ctx) : undefined;
    async function* out(): AsyncGenerator<Row[]> {
      for await (const batch of input.batches) {
        const keep: Row[] = mode === 'flag' ? batch : [];
        const removed: Row[] = [];
        for (let i = 0; i < batch.length; i++) {
          const row = batch[i];
          const r = suppress(row);
          Object.assign(row, suppressColumns(r));
          if (r.suppressed) {
            suppressed++;
            for (const reason of r.reasons) reasons.add(reason);
            if (mode === 'remove') {
              removed.push(row);
              ctx.tally.record('suppress', 'suppressed', r.reasons, 1);
            }
          } else {
            // Kept, but a channel may have gone (email without consent, phone left): worth counting.
            for (const reason of r.reasons) dropped.add(reason);
            if (mode === 'remove') keep.push(row);
          }
        }
        rowsIn += batch.length;
        if (side) await side.writeBatch(removed);
        if (keep.length) yield keep;
      }

      const head =
        mode === 'remove'
          ? `suppress: ${formatCount(rowsIn)} in = ${formatCount(rowsIn - suppressed)} out + ${formatCount(suppressed)} suppressed → ${opts.suppressed}`
          : `suppress: ${formatCount(rowsIn)} in = ${formatCount(rowsIn)} out, ${formatCount(suppressed)} flagged suppressed=true`;
      const kept = dropped.size ? `; kept with a channel dropped: ${dropped.describe()}` : '';
      const listText = lists.length ? `; lists ${lists.map(describeList).join(', ')}` : '; no lists';
      ctx.summary(`${head}; reasons ${reasons.describe()}${kept}${listText}`);
    }
    return { columns, batches: withSideFiles([side], out()) };
  },
};
