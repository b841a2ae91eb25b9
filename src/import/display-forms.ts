/**
 * Display forms that import adds for names, companies and cities: `<field>_display` holds the
 * value as written, or, when the vendor wrote it all in capitals, cased for letters and call
 * lists ("MÜLLER GMBH & CO. KG" → "Müller GmbH & Co. KG"). The field itself keeps what the vendor
 * sent. Casing capitals is a guess, so a row with one says display_status=recased (else
 * as_written), which gives `leadkit run --fail-if display_recased_rate>…` and the summary's count.
 * The status is filled on every row so that it makes no row look more complete than another
 * (dedupe's survivorship counts filled fields).
 */
import type { Row } from '../table.js';
import { companyDisplayCase } from '../company/display.js';
import { displayCase } from '../text/display-case.js';
import { isAllCaps } from '../text/case.js';

export const DISPLAY_STATUS = 'display_status';

/**
 * The fields with a display form. A lone full_name is split into first_name and last_name, whose
 * display forms cover it; and every display column makes its row look more complete to dedupe's
 * survivorship, so a list with both would be preferred for its extra column.
 */
const CASERS: Record<string, (value: string) => string> = {
  first_name: (v) => displayCase(v, 'name'),
  last_name: (v) => displayCase(v, 'name'),
  company: companyDisplayCase,
  city: (v) => displayCase(v, 'city'),
};

/** The fields among `columns` that get a display form, in column order. */
export function displayFields(columns: readonly string[]): string[] {
  return columns.filter((c) => c in CASERS);
}

/** The columns display forms add for those fields: `<field>_display` each, then display_status. */
export function displayColumns(fields: readonly string[]): string[] {
  return fields.length ? [...fields.map((f) => `${f}_display`), DISPLAY_STATUS] : [];
}

/**
 * Fill the display columns of a row; returns how many of its values were recased. Memoised per
 * field: vendor lists repeat their cities and companies on thousands of rows.
 */
export function compileDisplayFiller(fields: readonly string[]): (row: Row) => number {
  const list = fields.map((f) => ({ field: f, column: `${f}_display`, caser: CASERS[f], memo: new Map<string, string>() }));
  return (row: Row) => {
    let recased = 0;
    for (const d of list) {
      const v = row[d.field] ?? '';
      // Only values in capitals are cased; most are written mixed and need no lookup.
      let shown = isAllCaps(v) ? d.memo.get(v) : v;
      if (shown === undefined) {
        shown = d.caser(v);
        if (d.memo.size >= 50_000) d.memo.clear();
        d.memo.set(v, shown);
      }
      row[d.column] = shown;
      if (shown !== v) recased++;
    }
    row[DISPLAY_STATUS] = recased ? 'recased' : 'as_written';
    return recased;
  };
}
