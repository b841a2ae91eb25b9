/*
 * What read-excel-file does not tell: which part holds the sheet being read, and which formula
 * cells in it have no saved value (it reads those as empty). Light scans of the workbook XML,
 * fed chunk by chunk while the zip is checked, so they cost no extra copy of the sheet.
 */

const REL_BASES = ['http://schemas.openxmlformats.org/officeDocument/2006/relationships/', 'http://purl.oclc.org/ooxml/officeDocument/relationships/'];

/** Attributes of one tag, by local name (`r:id` → `id`), entity-decoded. */
function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = m[1].includes(':') ? m[1].slice(m[1].lastIndexOf(':') + 1) : m[1];
    if (!(name in out)) out[name] = decodeEntities(m[2] ?? m[3] ?? '');
  }
  return out;
}

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g, (all, hex: string, dec: string, name: string) => {
    if (hex || dec) {
      const cp = parseInt(hex ?? dec, hex ? 16 : 10);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
    }
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[name];
  });
}

/** Excel's `_xHHHH_` escapes (as read-excel-file decodes sheet names). */
function unescapeXlsx(s: string): string {
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * The part holding the sheet read-excel-file will read (by name, 1-based number, or the first),
 * resolved the way it does: `xl/workbook.xml` names the sheets, `xl/_rels/workbook.xml.rels`
 * maps their relation ids to paths. Undefined when not found (read-excel-file then reports it).
 */
export function locateSheet(workbookXml: string, relsXml: string, sheet: string | number | undefined): { name: string; path: string } | undefined {
  const sheets: { name: string; id: string }[] = [];
  for (const m of workbookXml.matchAll(/<(?:[\w.-]+:)?sheet\s([^>]*)>/g)) {
    const a = attributes(m[1]);
    if (a.name) sheets.push({ name: unescapeXlsx(a.name), id: a.id });
  }
  const chosen = sheet === undefined ? sheets[0] : typeof sheet === 'number' ? sheets[sheet - 1] : sheets.find((s) => s.name === sheet);
  if (!chosen) return undefined;
  for (const m of relsXml.matchAll(/<(?:[\w.-]+:)?Relationship\s([^>]*)>/g)) {
    const a = attributes(m[1]);
    if (a.Id !== chosen.id || !REL_BASES.some((b) => a.Type === `${b}worksheet`) || !a.Target) continue;
    return { name: chosen.name, path: a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target}` };
  }
  return undefined;
}

/** "A" for 1, "AA" for 27. */
export function columnName(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const R_ATTR = /(?:^|\s)r\s*=\s*["']([^"']*)["']/;
const isTagEnd = (ch: string): boolean => ch === ' ' || ch === '>' || ch === '/' || ch === '\t' || ch === '\n' || ch === '\r';

/**
 * Finds formula cells (`<c>` with an `<f>`) that have no `<v>`: a formula whose result was
 * never saved, which read-excel-file reads as an empty cell. Feed it the sheet XML in chunks.
 * It looks only around each `<f>` (Excel writes `<f>` only inside cells, and `<v>` after it),
 * so a sheet without formulas costs one `indexOf` per chunk.
 */
export class FormulaScanner {
  /** Formula cells without a saved value. */
  count = 0;
  /** The first few of them, as cell references (cells without an `r` attribute are counted, not named). */
  readonly refs: string[] = [];
  /** The namespace prefix of the sheet's elements (`x:` in some generators' output), once seen. */
  private prefix: string | undefined;
  /** An unfinished tag at the end of the last chunk. */
  private carry = '';
  /** The attributes of the last `<c …>` seen: a cell that opened in an earlier chunk. */
  private lastCell = '';
  /** Inside a formula cell whose `<v>` or `</c>` is still to come: its attributes. */
  private pending: string | undefined;

  constructor(private readonly keep = 3) {}

  push(chunk: Buffer): void {
    // latin1 keeps one character per byte; the tags are ASCII whatever the encoding.
    let text = this.carry + chunk.toString('latin1');
    const lt = text.lastIndexOf('<');
    if (lt >= 0 && text.indexOf('>', lt) < 0) {
      this.carry = text.slice(lt);
      text = text.slice(0, lt);
    } else this.carry = '';
    if (this.prefix === undefined) {
      const root = /<([A-Za-z_][\w.-]*:)?worksheet[\s>]/.exec(text);
      if (!root && text.length < 4096) {
        // Not yet at the root element: keep what came so far.
        this.carry = text + this.carry;
        return;
      }
      this.prefix = root?.[1] ?? '';
    }
    this.scan(text);
  }

  private scan(text: string): void {
    const cellEnd = `</${this.prefix}c>`;
    let pos = 0;
    if (this.pending !== undefined) {
      const end = text.indexOf(cellEnd);
      const v = this.findTag(text, 'v', 0);
      if (v >= 0 && (end < 0 || v < end)) this.pending = undefined;
      else if (end >= 0) {
        this.record(this.pending);
        this.pending = undefined;
        pos = end;
      } else return;
    }
    for (let f = this.findTag(text, 'f', pos); f >= 0; f = this.findTag(text, 'f', pos)) {
      const start = this.findTagBack(text, 'c', f);
      const attrs = start >= 0 ? text.slice(start, text.indexOf('>', start)) : this.lastCell;
      const end = text.indexOf(cellEnd, f);
      const v = this.findTag(text, 'v', f);
      if (v >= 0 && (end < 0 || v < end)) {
        pos = v;
        continue;
      }
      if (end < 0) {
        this.pending = attrs;
        break;
      }
      this.record(attrs);
      pos = end;
    }
    const last = this.findTagBack(text, 'c', text.length);
    if (last >= 0) this.lastCell = text.slice(last, text.indexOf('>', last));
  }

  /** Index of the next `<name` tag (with the sheet's prefix) at or after `from`, or -1. */
  private findTag(text: string, name: string, from: number): number {
    const open = `<${this.prefix}${name}`;
    for (let i = text.indexOf(open, from); i >= 0; i = text.indexOf(open, i + 1)) {
      if (isTagEnd(text.charAt(i + open.length))) return i;
    }
    return -1;
  }

  /** Index of the last `<name` tag before `before`, or -1. */
  private findTagBack(text: string, name: string, before: number): number {
    const open = `<${this.prefix}${name}`;
    for (let i = text.lastIndexOf(open, before - 1); i >= 0; i = i > 0 ? text.lastIndexOf(open, i - 1) : -1) {
      if (isTagEnd(text.charAt(i + open.length))) return i;
    }
    return -1;
  }

  private record(cellAttrs: string): void {
    this.count++;
    if (this.refs.length >= this.keep) return;
    const r = R_ATTR.exec(cellAttrs);
    if (r) this.refs.push(r[1]);
  }
}
