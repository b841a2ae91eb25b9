import type { Context } from '../context.js';
import { formatCount } from '../context.js';
import type { RunSummary } from '../report/summary.js';
import { describeResult, type ThresholdResult } from '../report/thresholds.js';

/**
 * What `leadkit run` says on stderr at the end: one summary line and the --fail-if results,
 * as text or (--log-format json) as JSON objects with the figures as fields, so a log
 * collector needs no parsing of the message.
 */
export interface RunLog {
  readonly json: boolean;
  /** The context the pipeline runs with: its warn/info/summary write JSON lines when json. */
  readonly ctx: Context;
  summary(s: RunSummary, extra: { outputsWritten: boolean; artifacts: string[] }): void;
  thresholds(results: readonly ThresholdResult[]): void;
}

type Fields = Record<string, unknown>;

function jsonLine(ctx: Context, level: string, message: string, fields: Fields = {}): void {
  ctx.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
}

function jsonContext(ctx: Context): Context {
  return {
    ...ctx,
    warn: (m) => jsonLine(ctx, 'warning', m),
    info: (m) => jsonLine(ctx, 'info', m),
    summary: (m) => {
      if (!ctx.quiet) jsonLine(ctx, 'info', m);
    },
    progress: () => undefined,
  };
}

function summaryText(s: RunSummary, extra: { outputsWritten: boolean; artifacts: string[] }): string {
  const funnel = s.funnel.map((f) => `${f.label} ${formatCount(f.rows)}`).join(' → ');
  const outputs = extra.outputsWritten ? `outputs: ${s.outputs.map((o) => o.file).join(', ')}` : 'outputs not written (the previous files are kept)';
  const report = extra.artifacts.length ? `; summary: ${extra.artifacts.join(', ')}` : '';
  const checks = s.thresholds.length ? `; checks: ${s.thresholds.filter((t) => !t.tripped).length} of ${s.thresholds.length} passed` : '';
  return `run ${s.pipeline}: ${funnel} in ${s.seconds.toFixed(1)} s; ${outputs}${report}${checks}`;
}

export function runLog(base: Context, format: 'text' | 'json' | undefined): RunLog {
  const json = format === 'json';
  const ctx = json ? jsonContext(base) : base;
  return {
    json,
    ctx,
    summary(s, extra) {
      if (base.quiet) return;
      if (!json) return base.summary(summaryText(s, extra));
      jsonLine(base, 'info', summaryText(s, extra), {
        event: 'summary',
        pipeline: s.pipeline,
        as_of: s.as_of,
        seconds: s.seconds,
        rows: s.rows,
        funnel: Object.fromEntries(s.funnel.map((f) => [f.label, f.rows])),
        rejects_by_reason: s.rejects_by_reason,
        suppressed_by_reason: s.suppressed_by_reason,
        duplicates_merged: s.duplicates_merged,
        ...(s.dedupe ? { dedupe: s.dedupe } : {}),
        ...(s.accounts ? { accounts: s.accounts } : {}),
        ...(s.delta ? { delta: { new: s.delta.new, changed: s.delta.changed, unchanged: s.delta.unchanged, gone: s.delta.gone, previous_night: s.delta.previous_night } } : {}),
        outputs: s.outputs,
        outputs_written: extra.outputsWritten,
        artifacts: extra.artifacts,
      });
    },
    thresholds(results) {
      // Text mode: a tripped check is the error line printed at exit; passes are in the summary.
      if (!json) return;
      for (const r of results) {
        // A tripped check is an error and is never silenced; passes are part of the summary.
        if (base.quiet && !r.tripped) continue;
        jsonLine(base, r.tripped ? 'error' : 'info', `--fail-if ${r.expr}: ${describeResult(r)}: ${r.tripped ? 'tripped' : 'ok'}`, { event: 'threshold', ...r });
      }
    },
  };
}
