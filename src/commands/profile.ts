import type { Command } from './types.js';
import type { Context } from '../context.js';
import type { Table } from '../table.js';
import { Profiler, renderProfile } from '../profile/stats.js';
import { fileSink, stdoutSink } from '../io/sink.js';
import { UsageError } from '../errors.js';
import { selectColumns } from '../export/select.js';

export interface ProfileOptions {
  json?: boolean;
  top?: number;
  columns?: string;
}

export const profileCommand: Command<ProfileOptions> = {
  name: 'profile',
  summary: 'Show per-column fill rate, distinct values, top values and status shares',
  description:
    'Profiles a list: for each column the fill rate, distinct count and most frequent values; for *_status ' +
    'columns the share of each status. A table for a person, or JSON with --json. Distinct counting stops at ' +
    '100,000 values per column (shown as >100,000).',
  examples: ['leadkit profile leads.csv', 'leadkit import vendor.csv | leadkit validate | leadkit profile --json > quality.json'],
  options: [
    { flags: '--json', description: 'write the profile as JSON' },
    { flags: '--top <n>', description: 'how many top values per column', default: '5', type: 'count' },
  ],

  async sink(input: Table, opts: ProfileOptions, ctx: Context): Promise<void> {
    // The shared row-output options mean nothing for a report: refused rather than ignored.
    if (ctx.io.format) throw new UsageError('profile: --format is for commands that write rows; profile writes a text report, or JSON with --json');
    if (ctx.io.excel) throw new UsageError('profile: --excel is for commands that write rows; profile writes a text report, or JSON with --json');
    const topN = opts.top ?? 5;
    // --columns narrows what is profiled, as it narrows what other commands write.
    const profiler = new Profiler(opts.columns ? selectColumns(opts.columns, input.columns) : input.columns);
    for await (const batch of input.batches) for (const row of batch) profiler.add(row);
    const p = profiler.result(topN);
    const text = opts.json ? JSON.stringify(p, null, 2) + '\n' : renderProfile(p);
    const sink = ctx.io.output && ctx.io.output !== '-' ? await fileSink(ctx.io.output) : stdoutSink(ctx.stdout);
    await sink.write(text);
    ctx.files.add(sink);
  },
};
