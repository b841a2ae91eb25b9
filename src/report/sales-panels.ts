import { parseReasons } from '../score/score-row.js';
import { esc, formatInt, formatNumber, formatPercent, formatTimestamp, plural, shareOf, shownValue, steppedRows } from './format.js';
import { OTHER, type OwnerMix, type RunSummary } from './summary.js';
import { keyFigures, trendRows, type TrendRow } from './trend.js';

/**
 * The parts of the report written for the people who work the leads: a banner when a check
 * tripped, the trend against the previous run, the best leads and each owner's mix.
 */

/** A tripped check, above everything else: the page must not read as a normal night. */
export function banner(s: RunSummary): string {
  const tripped = s.thresholds.filter((t) => t.tripped);
  if (tripped.length === 0) return '';
  const items = tripped
    .map((t) => `<li><code>${esc(t.expr)}</code>: the run measured <b>${esc(shownValue(t.metric, t.value))}</b>, the limit is ${esc(`${t.op} ${shownValue(t.metric, t.limit)}`)}</li>`)
    .join('');
  return `<div class="banner" role="alert">
<p class="banner-title">✗ ${esc(formatInt(tripped.length))} of ${esc(plural(s.thresholds.length, 'check'))} tripped</p>
<p>The run exited with code 3 and replaced no output file; the leads below were not delivered.</p>
<ul>${items}</ul>
</div>`;
}

/* ------------------------------------------------------------------ trend */

function signed(n: number, text: string): string {
  return n > 0 ? `+${text}` : n < 0 ? `−${text.replace(/^-/, '')}` : text;
}

function changeCell(r: TrendRow): string {
  if (r.direction === 'same') return '<td class="n change same">= no change</td>';
  const arrow = r.direction === 'up' ? '▲' : '▼';
  const good = (r.direction === 'up') === r.upIsGood;
  let text: string;
  if (r.kind === 'share') {
    const points = Math.abs(r.change * 100);
    text = `${signed(r.change, points.toFixed(1))} ${points.toFixed(1) === '1.0' ? 'point' : 'points'}`;
  } else {
    const rel = r.before > 0 ? ` (${signed(r.change, formatPercent(Math.abs(r.change) / r.before))})` : '';
    text = `${signed(r.change, formatInt(Math.abs(r.change)))}${rel}`;
  }
  return `<td class="n change ${good ? 'good' : 'bad'}"><span aria-label="${r.direction}">${arrow}</span> ${esc(text)}</td>`;
}

function shown(r: TrendRow, v: number): string {
  return r.kind === 'share' ? formatPercent(v) : formatInt(v);
}

export function trendPanel(s: RunSummary): string {
  const head = '<h2 id="h-trend">Since the previous run</h2>';
  if (!s.previous) {
    return `<section class="panel" aria-labelledby="h-trend">${head}<p class="empty">No previous run to compare with: give --compare-to last-summary.json, or let the pipeline write a summary_json, which the next run compares with.</p></section>`;
  }
  const prev = s.previous;
  const rows = trendRows(keyFigures(s), prev)
    .map((r) => `<tr><th scope="row">${esc(r.label)}</th><td class="n">${esc(shown(r, r.now))}</td><td class="n">${esc(shown(r, r.before))}</td>${changeCell(r)}</tr>`)
    .join('');
  const when = prev.finished_at ? `, run ${formatTimestamp(prev.finished_at)}` : '';
  const mql = prev.mqls === undefined || !Object.keys(s.stages).length ? ' MQLs need a stage column in both runs.' : ' MQLs: rows at the MQL stage or a later one.';
  return `<section class="panel trend" aria-labelledby="h-trend">
${head}
<p class="lead">This run against the previous one (as of ${esc(prev.as_of || '–')}${esc(when)}). Valid share: valid rows of those imported.${esc(mql)}</p>
<div class="scroll"><table><thead><tr><th>Figure</th><th class="n">This run</th><th class="n">Previous</th><th class="n">Change</th></tr></thead><tbody>${rows}</tbody></table></div>
</section>`;
}

/* ------------------------------------------------------------------ top leads */

/** Reasons shown per lead; the rest are counted. */
const REASONS_SHOWN = 4;

function reasonsText(cell: string): string {
  if (!cell) return '';
  const reasons = parseReasons(cell)
    .filter(([, points]) => points !== 0 && Number.isFinite(points))
    .sort((a, b) => b[1] - a[1]);
  const shownReasons = reasons.slice(0, REASONS_SHOWN).map(([name, points]) => `${esc(name)} <b>${esc(signed(points, formatNumber(Math.abs(points))))}</b>`);
  const more = reasons.length - REASONS_SHOWN;
  return shownReasons.join(', ') + (more > 0 ? `, <span class="note">${esc(plural(more, 'more reason'))}</span>` : '');
}

export function topLeadsPanel(s: RunSummary): string {
  const leads = s.top_leads;
  if (!leads) return '';
  const head = `<h2 id="h-top">Top ${esc(plural(leads.length, 'lead'))}</h2>`;
  if (leads.length === 0) return `<section class="panel" aria-labelledby="h-top">${head}<p class="empty">No row had a score.</p></section>`;
  const rows = leads
    .map(
      (l, i) =>
        `<tr><td class="n">${i + 1}</td><td><b>${esc(l.name || l.company || l.record_id)}</b>${l.name && l.company ? `<div class="note">${esc(l.company)}</div>` : ''}<div class="note">${esc(
          l.record_id,
        )}</div></td><td>${esc(l.owner || '–')}</td><td class="n"><b>${esc(formatNumber(l.score))}</b></td><td>${esc(l.grade || '–')}</td><td>${esc(l.temperature || '–')}</td><td class="reasons">${
          reasonsText(l.reasons) || '<span class="note">no reasons recorded</span>'
        }</td></tr>`,
    )
    .join('');
  return `<section class="panel top-leads" aria-labelledby="h-top">
${head}
<p class="lead">The best-scored rows of the output and why they scored (points per rule)${esc(steppedRows(s).note)}.</p>
<div class="scroll"><table><thead><tr><th class="n">#</th><th>Lead</th><th>Owner</th><th class="n">Score</th><th>Grade</th><th>Temp.</th><th>Reasons</th></tr></thead><tbody>${rows}</tbody></table></div>
</section>`;
}

/* ------------------------------------------------------------------ owners */

/** Owners shown one by one in the table; the rest share one row. */
const OWNER_ROWS = 20;

function orderedLabels(mixes: readonly OwnerMix[], key: 'grades' | 'temperatures', order: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const m of mixes) for (const k of Object.keys(m[key])) seen.add(k);
  const rank = (k: string) => (k === OTHER ? order.length + 1 : order.includes(k.toLowerCase()) ? order.indexOf(k.toLowerCase()) : order.length);
  return [...seen].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function sumMixes(mixes: readonly OwnerMix[]): OwnerMix {
  const total: OwnerMix = { rows: 0, hot: 0, grades: {}, temperatures: {} };
  for (const m of mixes) {
    total.rows += m.rows;
    total.hot += m.hot;
    for (const [k, n] of Object.entries(m.grades)) total.grades[k] = (total.grades[k] ?? 0) + n;
    for (const [k, n] of Object.entries(m.temperatures)) total.temperatures[k] = (total.temperatures[k] ?? 0) + n;
  }
  return total;
}

export function ownerMixPanel(s: RunSummary): string {
  const entries = Object.entries(s.owner_mix ?? {});
  if (entries.length === 0) return '';
  const shownOwners = entries.length > OWNER_ROWS ? entries.slice(0, OWNER_ROWS - 1) : entries;
  const rest = entries.slice(shownOwners.length);
  const lines: [string, OwnerMix, boolean][] = shownOwners.map(([o, m]) => [o, m, false]);
  if (rest.length) lines.push([plural(rest.length, 'more owner'), sumMixes(rest.map(([, m]) => m)), true]);
  const mixes = entries.map(([, m]) => m);
  const grades = orderedLabels(mixes, 'grades', ['a', 'b', 'c', 'd']);
  const temps = orderedLabels(mixes, 'temperatures', ['hot', 'warm', 'cold']);
  const cell = (n: number, rows: number) => (n === 0 ? '<td class="n zero">0</td>' : `<td class="n">${esc(formatInt(n))}<span class="note"> ${esc(formatPercent(shareOf(n, rows), 0))}</span></td>`);
  const body = lines
    .map(
      ([owner, m, summed]) =>
        `<tr${summed ? ' class="summed"' : ''}><td>${esc(owner)}</td><td class="n">${esc(formatInt(m.rows))}</td><td class="n hot">${esc(formatInt(m.hot))}</td>${grades
          .map((g) => cell(m.grades[g] ?? 0, m.rows))
          .join('')}${temps.map((t) => cell(m.temperatures[t] ?? 0, m.rows)).join('')}</tr>`,
    )
    .join('');
  const hot = mixes.reduce((n, m) => n + m.hot, 0);
  const groupHead =
    (grades.length ? `<th class="n group" colspan="${grades.length}">Grade</th>` : '') + (temps.length ? `<th class="n group" colspan="${temps.length}">Temperature</th>` : '');
  return `<section class="panel owners" aria-labelledby="h-owner-mix">
<h2 id="h-owner-mix">Leads per owner</h2>
<p class="lead">${esc(plural(hot, 'hot lead'))} across ${esc(plural(entries.length, 'owner'))}. Per owner the rows, the hot leads, and the grade and temperature mix (count and share of the owner's rows)${esc(steppedRows(s).note)}.</p>
<div class="scroll"><table><thead><tr><th></th><th></th><th></th>${groupHead}</tr><tr><th>Owner</th><th class="n">Rows</th><th class="n">Hot</th>${grades
    .map((g) => `<th class="n">${esc(g)}</th>`)
    .join('')}${temps.map((t) => `<th class="n">${esc(t)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table></div>
</section>`;
}
