import fs from 'node:fs';
import path from 'node:path';
import { DataError } from '../errors.js';

/**
 * Create a directory and its missing parents. Not `mkdir(…, { recursive: true })`: on Node 20 that
 * never returns for a path under /proc or /sys (the kernel answers ENOENT for ever and Node
 * retries), which would hang a cron job instead of failing it. Errors name the path (exit 1).
 */
export async function ensureDir(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let cur = path.resolve(dir); ; ) {
    let st: fs.Stats | undefined;
    try {
      st = await fs.promises.stat(cur);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw new DataError('E_OUT_DIR', `cannot create directory: ${describe(err)}`, dir);
    }
    if (st) {
      if (!st.isDirectory()) throw new DataError('E_OUT_DIR', `cannot create directory: ${cur} is not a directory`, dir);
      break;
    }
    missing.push(cur);
    const parent = path.dirname(cur);
    if (parent === cur) break;
    cur = parent;
  }
  for (const d of missing.reverse()) {
    try {
      await fs.promises.mkdir(d);
    } catch (err) {
      // Another process may have made it in the meantime.
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && fs.statSync(d).isDirectory()) continue;
      throw new DataError('E_OUT_DIR', `cannot create directory ${d}: ${describe(err)}`, dir);
    }
  }
}

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const reasons: Record<string, string> = { EACCES: 'permission denied', EPERM: 'operation not permitted', ENOENT: 'no such file or directory', EROFS: 'read-only file system', ENOTDIR: 'a parent is not a directory', ENOSPC: 'no space left on the device (ENOSPC)', EDQUOT: 'disk quota exceeded (EDQUOT)' };
  return (e.code && reasons[e.code]) ?? e.message;
}
