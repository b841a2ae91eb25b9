import fs from 'node:fs';
import path from 'node:path';
import type { FileTransaction } from '../context.js';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../io/sink.js';
import { renderReportHtml } from '../report/html.js';
import type { RunSummary } from '../report/summary.js';
import { ensureDir } from '../io/make-dir.js';

/** Where a run writes its summary JSON and HTML report; either may be absent. */
export interface ArtifactPaths {
  summaryJson?: string;
  report?: string;
}

/**
 * Fail before any work when a file named on the command line cannot be written later: the
 * folder must exist (as for -o). Folders named in a pipeline file are created, like its outputs.
 */
export function checkArtifactDirs(paths: ArtifactPaths, flags: Record<keyof ArtifactPaths, string>): void {
  for (const key of Object.keys(flags) as (keyof ArtifactPaths)[]) {
    const p = paths[key];
    if (!p) continue;
    const dir = path.dirname(path.resolve(p));
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`${flags[key]} ${p}: directory ${dir} does not exist`);
  }
}

function contents(summary: RunSummary, paths: ArtifactPaths): [string, string][] {
  const out: [string, string][] = [];
  if (paths.summaryJson) out.push([paths.summaryJson, `${JSON.stringify(summary, null, 2)}\n`]);
  if (paths.report) out.push([paths.report, renderReportHtml(summary)]);
  return out;
}

async function writeNow(file: string, text: string): Promise<void> {
  await ensureDir(path.dirname(path.resolve(file)));
  await writeFileAtomic(file, text);
}

/**
 * A successful run: the summary and report join the run's file transaction, so they appear
 * together with the outputs they describe, after them, and not at all if a commit fails first.
 */
export function stageArtifacts(summary: RunSummary, paths: ArtifactPaths, files: FileTransaction): void {
  for (const [file, text] of contents(summary, paths)) {
    files.add({ commit: () => writeNow(file, text), abort: async () => undefined });
  }
}

/**
 * A failed run (a threshold tripped): the outputs are aborted, but the summary and report are
 * written at once, outside the transaction, because they are what explains the failure.
 */
export async function writeArtifactsNow(summary: RunSummary, paths: ArtifactPaths): Promise<void> {
  for (const [file, text] of contents(summary, paths)) await writeNow(file, text);
}
