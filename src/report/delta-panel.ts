/**
 * The report's panel for a night with a state (leadkit run --state): what is new, changed,
 * unchanged or gone since the last good night, per list and per owner, what happened to ids,
 * and which fields changed. Every figure is page text.
 */
import { esc, formatInt, formatPercent, plural, shareOf } from './format.js';
import type { DeltaCounts, RunSummary } from './summary-types.js';

function table(caption: string, head: string, counts: Record<string, DeltaCounts>): string {
  const entries = Object.entries(counts);
  if (entries.length === 0) return '';
  const rows = entries
    .map(([name, c]) => {
      const shown = c.new + c.changed + c.unchanged;
      return `<tr><td>${esc(name === '' ? '(none)' : name)}</td><td class="n">${formatInt(c.new)}</td><td class="n">${formatInt(c.changed)}</td><td class="n">${formatInt(c.unchanged)}</td><td class="n">${formatInt(c.gone)}</td><td class="n">${esc(formatPercent(shareOf(c.new + c.changed, shown)))}</td></tr>`;
    })
    .join('');
  return `<h3>${esc(caption)}</h3>
<div class="scroll"><table><thead><tr><th>${esc(head)}</th><th class="n">New</th><th class="n">Changed</th><th class="n">Unchanged</th><th class="n">Gone</th><th class="n">New or changed</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

export function deltaPanel(s: RunSummary): string {
  const d = s.delta;
  if (!d) return '';
  const since = d.previous_night ? `since the night of ${d.previous_night}` : 'first night: every row is new';
  const ids: string[] = [];
  if (d.ids.merged_away) ids.push(`${plural(d.ids.merged_away, 'id')} merged into an older one`);
  if (d.ids.split) ids.push(`${plural(d.ids.split, 'part')} split off with an id of its own`);
  if (d.ids.kept_by_size) ids.push(`${plural(d.ids.kept_by_size, 'id')} kept by the largest part of a split (the record that survived last night is gone: a guess)`);
  if (d.ids.returned) ids.push(`${plural(d.ids.returned, 'person')} back after being gone`);
  if (d.forgotten) ids.push(`${plural(d.forgotten, 'id')} forgotten (--forget-after)`);
  if (d.linked_by_email_or_phone) ids.push(`${plural(d.linked_by_email_or_phone, 'row')} whose person was found by email or phone, a record id having changed since the last night (a shifted row or a renamed file: a guess)`);
  if (d.ambiguous_links) ids.push(`${plural(d.ambiguous_links, 'record')} under a changed record id that fitted more than one known person by email or phone and name, taken as new (id_linked_by=ambiguous)`);
  const gone = d.gone
    ? `<p>${esc(plural(d.gone, 'person'))} of the last night in no row tonight: ${esc(formatInt(d.gone_not_in_inputs))} not in any input, ${esc(formatInt(d.gone_removed_by_steps))} read but removed by a step (listed in gone.csv with their last delivery; ${esc(formatInt(d.gone_remembered))} gone persons remembered in all).</p>`
    : '';
  const carried = d.carried
    ? `<p>${esc(plural(d.carried, 'unchanged person'))} carried over from the state: found by dedupe as the last night, they skipped the steps after it. They count as rows and under last night's owner; this report's column, grade, score and owner-mix figures are of the other rows.</p>`
    : '';
  const fields = Object.entries(d.changed_fields);
  const fieldText = fields.length ? `<p>Changed fields: ${fields.map(([f, n]) => `${esc(f)} ${esc(formatInt(n))}`).join(', ')} (compared: ${esc(d.fields.join(', '))}).</p>` : `<p class="empty">No field changed (compared: ${esc(d.fields.join(', '))}).</p>`;
  return `<section class="panel" aria-labelledby="h-delta">
<h2 id="h-delta">New and changed</h2>
<p class="lead">${esc(formatInt(d.new))} new, ${esc(formatInt(d.changed))} changed, ${esc(formatInt(d.unchanged))} unchanged, ${esc(formatInt(d.gone))} gone, ${esc(since)}; ${esc(d.would_have_delivered !== undefined ? `nobody delivered tonight (no output was replaced; it would have delivered ${plural(d.would_have_delivered, 'person')})` : `${plural(d.delivered, 'person')} delivered tonight`)}. State: ${esc(d.state)}.</p>
${gone}${carried}${fieldText}${ids.length ? `<p>Ids: ${esc(ids.join('; '))}.</p>` : ''}
${table('By list (source)', 'Source', d.by_source)}
${table('By owner', 'Owner', d.by_owner)}
</section>`;
}
