import fs from 'node:fs';
import path from 'node:path';
import { DataError } from '../errors.js';

/**
 * A text output that batches writes and honours backpressure. Files are written to a
 * temporary name beside the target and renamed on commit(), so a crash or an error never
 * leaves half a file in place of the previous one.
 */
export interface TextSink {
  write(text: string): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
  /** Where it goes, for messages. */
  target: string;
}

const BATCH = 64 * 1024;

class StreamSink implements TextSink {
  private buf = '';
  private failed: Error | undefined;
  constructor(
    private readonly stream: NodeJS.WritableStream,
    readonly target: string,
    private readonly finish: () => Promise<void>,
    private readonly cancel: () => Promise<void>,
  ) {
    stream.on('error', (err: Error) => {
      this.failed = err;
    });
  }

  async write(text: string): Promise<void> {
    this.buf += text;
    if (this.buf.length >= BATCH) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failed) throw this.failed;
    if (this.buf === '') return;
    const chunk = this.buf;
    this.buf = '';
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => (cleanup(), resolve());
        const onError = (e: Error) => (cleanup(), reject(e));
        const cleanup = () => {
          this.stream.off('drain', onDrain);
          this.stream.off('error', onError);
        };
        this.stream.on('drain', onDrain);
        this.stream.on('error', onError);
      });
    }
    if (this.failed) throw this.failed;
  }

  async commit(): Promise<void> {
    await this.flush();
    await this.finish();
  }

  async abort(): Promise<void> {
    this.buf = '';
    await this.cancel();
  }
}

/** Standard output: never closed by us (other commands may share it). */
export function stdoutSink(stdout: NodeJS.WritableStream): TextSink {
  return new StreamSink(stdout, '<stdout>', async () => {}, async () => {});
}

/** An atomically written file (temp + rename). */
export async function fileSink(target: string, bom = false): Promise<TextSink> {
  const dir = path.dirname(path.resolve(target));
  try {
    const st = await fs.promises.stat(dir);
    if (!st.isDirectory()) throw new Error('not a directory');
  } catch {
    throw new DataError('E_OUT_DIR', `cannot write: directory ${dir} does not exist`, target);
  }
  const tmp = path.join(dir, `.${path.basename(target)}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  const stream = fs.createWriteStream(tmp);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (e) => reject(new DataError('E_WRITE', e.message, target)));
  });
  const close = () => new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
  const sink = new StreamSink(
    stream,
    target,
    async () => {
      await close();
      await fs.promises.rename(tmp, target);
    },
    async () => {
      stream.destroy();
      await fs.promises.rm(tmp, { force: true });
    },
  );
  if (bom) await sink.write('\uFEFF');
  return sink;
}

/** Write a whole buffer atomically (xlsx output). */
export async function writeFileAtomic(target: string, data: Uint8Array | string): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.${path.basename(target)}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  try {
    await fs.promises.writeFile(tmp, data);
    await fs.promises.rename(tmp, target);
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    throw new DataError('E_WRITE', (err as Error).message, target);
  }
}
