import { PassThrough } from 'node:stream';
import { FileTransaction, Tally, type Context } from '../../src/context.js';

/** A quiet Context for calling a command's transform directly; streams are in-memory. */
export function testContext(overrides: Partial<Context> = {}): Context {
  return {
    io: {},
    quiet: true,
    stdout: new PassThrough(),
    stdin: new PassThrough(),
    stderr: new PassThrough(),
    warn: () => undefined,
    info: () => undefined,
    summary: () => undefined,
    progress: () => undefined,
    today: '2026-11-22',
    files: new FileTransaction(),
    tally: new Tally(),
    ...overrides,
  };
}
