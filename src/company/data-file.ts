/**
 * Reference data shipped with the package under src/data/. The compiled code runs from dist/ and
 * the tests from src/, so the file is found relative to the package root (the nearest directory
 * with a package.json above this module), not relative to this file.
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

/** Parse a JSON file from src/data/, e.g. readDataJson('legal-forms/legal-forms.json'). */
export function readDataJson<T>(relative: string): T {
  return JSON.parse(readFileSync(join(packageRoot(), 'src', 'data', relative), 'utf8')) as T;
}
