import fs from 'node:fs';
import { PassThrough, Readable, Writable } from 'node:stream';
import { main } from '../../src/cli.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

/** Run the CLI in-process with captured streams (stdin from a file or a string). */
export async function runCli(args: string[], opts: { stdin?: string | Buffer; stdinFile?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdout = new Writable({ write: (c, _e, cb) => (out.push(Buffer.from(c)), cb()) });
  const stderr = new Writable({ write: (c, _e, cb) => (err.push(Buffer.from(c)), cb()) });
  let stdin: NodeJS.ReadableStream;
  if (opts.stdinFile) stdin = fs.createReadStream(opts.stdinFile);
  else if (opts.stdin !== undefined) stdin = Readable.from([Buffer.from(opts.stdin)]);
  else {
    const p = new PassThrough();
    p.end();
    stdin = p;
  }
  const saved: Record<string, string | undefined> = {};
  const env = { LEADKIT_TODAY: '2026-11-22', ...(opts.env ?? {}) };
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  try {
    const code = await main(['node', 'leadkit', ...args], { stdout, stderr: stderr as never, stdin });
    const stdoutBytes = Buffer.concat(out);
    return { code, stdout: stdoutBytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stdoutBytes };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
