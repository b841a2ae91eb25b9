/**
 * Email typo suggestions on a table of addresses with the domain each should be corrected to
 * (blank: no suggestion wanted). The table is read at run time from the benchmark directory
 * (LEADKIT_TYPOS, else ../shared/benchmarks/realworld/mailcheck-typos.csv beside the project);
 * nothing of it is kept in the project. Scored with the compiled checkEmail (dist/email).
 *
 *   node bench/accuracy/typos.mjs            # prints right/total and the misses
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';

const root = path.resolve(import.meta.dirname, '../..');
const dist = process.env.LEADKIT_DIST ? path.resolve(process.env.LEADKIT_DIST) : path.resolve(root, 'dist');
const defaultTable = path.resolve(root, '../shared/benchmarks/realworld/mailcheck-typos.csv');

/** The suggested domain of an address ('' when none), as `leadkit validate` writes it. */
function suggestedDomain(checkEmail, email) {
  const s = checkEmail(email).suggestion;
  return s ? s.slice(s.lastIndexOf('@') + 1) : '';
}

/**
 * Right when the suggested domain is the expected one, or when none is expected and none given.
 * Returns { right, total, misses: [{ email, expected, got }] }.
 */
export async function runTypos(file = process.env.LEADKIT_TYPOS ?? defaultTable) {
  const { checkEmail } = await import(pathToFileURL(path.join(dist, 'email/index.js')).href);
  const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true });
  const misses = [];
  for (const row of rows) {
    const expected = (row.expected_domain ?? '').trim().toLowerCase();
    const got = suggestedDomain(checkEmail, row.email);
    if (got !== expected) misses.push({ email: row.email, expected, got });
  }
  return { right: rows.length - misses.length, total: rows.length, misses };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { right, total, misses } = await runTypos();
  console.log(`typo suggestions: ${right}/${total} right`);
  for (const m of misses) console.log(`  ${m.email}: expected ${m.expected || '(none)'}, got ${m.got || '(none)'}`);
}
