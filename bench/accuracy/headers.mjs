#!/usr/bin/env node
/**
 * How many real CRM/contact-export headers import maps onto the field they mean.
 *
 *   node bench/accuracy/headers.mjs            right/total and every miss
 *   node bench/accuracy/headers.mjs --json     the same as JSON
 *
 * Reads ../shared/benchmarks/realworld/crm-header-maps.csv in place at run time (never copied
 * into the project): one row per header with `source`, `object`, `header` and `expect`, the field
 * it means (`kept` = stays unmapped, `a|b` = either is right). The headers of one source and
 * object are one file's header, in their order, mapped together by the compiled mapping code
 * (dist/import/mapping.js; run `npm run build` first), so context rules (a business block beside
 * a home block, "Title" beside "Job Title") apply as they do on import. No values are given:
 * what the header alone says is measured.
 *
 * runHeaders() returns { right, total, misses } (or { absent: path } when the file is not there)
 * for `npm run bench:accuracy`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';

const root = path.resolve(import.meta.dirname, '../..');
export const HEADERS_FILE = path.resolve(root, '../shared/benchmarks/realworld/crm-header-maps.csv');

/** The field one mapping entry gives, as the truth file writes it. */
function fieldOf(m) {
  if (m.how === 'kept' || m.how === 'renamed' || m.how === 'provenance') return 'kept';
  if (m.how === 'dropped') return '(dropped)';
  return m.invert ? `not ${m.to}` : m.to;
}

export async function runHeaders(file = HEADERS_FILE) {
  if (!fs.existsSync(file)) return { absent: file };
  const dist = path.join(root, 'dist/import/mapping.js');
  if (!fs.existsSync(dist)) throw new Error(`${dist} is missing: run npm run build first`);
  const { mapHeader } = await import(pathToFileURL(dist).href);
  const rows = parse(fs.readFileSync(file), { columns: true, skip_empty_lines: true });
  const groups = new Map();
  for (const r of rows) {
    const k = `${r.source}/${r.object}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(r);
  }
  let right = 0;
  const misses = [];
  for (const [group, list] of groups) {
    const mapping = mapHeader(list.map((r) => r.header), new Map());
    list.forEach((r, i) => {
      const got = fieldOf(mapping[i]);
      const want = r.expect.split('|').map((s) => s.trim());
      // An opt-out column mapped to its consent field inverted is read as that field.
      const bare = got.replace(/^not /, '');
      if (want.includes(got) || want.includes(bare)) right++;
      else misses.push({ group, header: r.header, expect: r.expect, got });
    });
  }
  return { right, total: rows.length, misses };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const res = await runHeaders();
  if (res.absent) {
    console.log(`headers: ${res.absent} is not there; nothing measured`);
  } else if (process.argv.includes('--json')) {
    console.log(JSON.stringify(res, null, 2));
  } else {
    console.log(`headers: ${res.right}/${res.total} right (${((100 * res.right) / res.total).toFixed(1)} %)`);
    for (const m of res.misses) console.log(`  ${m.group.padEnd(20)} ${JSON.stringify(m.header).padEnd(34)} expect ${m.expect.padEnd(24)} got ${m.got}`);
  }
}
