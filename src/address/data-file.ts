/**
 * Reference data shipped with the package under src/data/. The compiled code runs from dist/ and
 * the tests from src/, so files are found relative to the package root (the nearest directory
 * above this module with a package.json), which holds src/data/ in both cases.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return (root = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`leadkit: no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** Lines of a UTF-8 text file in src/data/ without blank lines and '#' comments. */
export function readDataLines(relative: string): string[] {
  const text = readFileSync(join(packageRoot(), 'src', 'data', relative), 'utf8');
  return text.split(/\r?\n/).filter((line) => line !== '' && !line.startsWith('#'));
}
