/**
 * Where the benchmark finds the compiled engine: dist/ of this checkout (npm run build), or the
 * directory in LEADKIT_DIST (see build-isolated.sh).
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const dist = process.env.LEADKIT_DIST ? resolve(process.env.LEADKIT_DIST) : resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../dist');

export async function loadEngine() {
  return import(pathToFileURL(resolve(dist, 'match/index.js')).href);
}
