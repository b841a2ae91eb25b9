import { once } from 'node:events';
import zlib from 'node:zlib';

/**
 * A small zip writer for tests: valid minimal .xlsx workbooks and hostile ones (zip bombs,
 * headers that lie), built in the test itself rather than kept as binary fixtures.
 */
export interface ZipEntrySpec {
  name: string;
  /** The content; deflated unless `method: 0`. */
  data?: Buffer | string;
  /** Bytes to store as the entry's packed data, as is (e.g. a pre-built deflate stream). */
  packed?: Buffer;
  method?: 0 | 8;
  /** The uncompressed size to declare (defaults to the true size of `data`). */
  size?: number;
}

export function zip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const raw = e.data === undefined ? undefined : Buffer.from(e.data);
    const packed = e.packed ?? (raw === undefined ? Buffer.alloc(0) : method === 8 ? zlib.deflateRawSync(raw) : raw);
    const size = e.size ?? raw?.length ?? 0;
    const crc = raw ? zlib.crc32(raw) : 0;
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** Deflate `chunk` repeated `times` times without ever holding the whole (e.g. 200 MiB of zeros → ~200 KB). */
export async function deflateRepeated(chunk: Buffer, times: number): Promise<Buffer> {
  const d = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  d.on('data', (c: Buffer) => out.push(c));
  const done = once(d, 'end');
  for (let i = 0; i < times; i++) if (!d.write(chunk)) await once(d, 'drain');
  d.end();
  await done;
  return Buffer.concat(out);
}

/** A cell for `sheetXml`: text (inline string), empty, or a formula with an optional saved value. */
export type CellSpec = string | null | { f?: string; shared?: boolean; v?: string; t?: string };

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function colName(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A worksheet part; `rows[i]` is row `startRow + i`. */
export function sheetXml(rows: CellSpec[][], startRow = 1): string {
  const body = rows
    .map((cells, i) => {
      const r = startRow + i;
      const cs = cells
        .map((c, j) => {
          const ref = `${colName(j + 1)}${r}`;
          if (c === null) return '';
          if (typeof c === 'string') return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(c)}</t></is></c>`;
          const t = c.t ? ` t="${c.t}"` : '';
          const f = c.shared ? '<f t="shared" si="0"/>' : c.f !== undefined ? `<f>${esc(c.f)}</f>` : '';
          const v = c.v !== undefined ? `<v>${esc(c.v)}</v>` : '';
          return `<c r="${ref}"${t}>${f}${v}</c>`;
        })
        .join('');
      return `<row r="${r}">${cs}</row>`;
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<sheetData>${body}</sheetData></worksheet>`
  );
}

/**
 * A minimal valid workbook: one entry per sheet (its XML as given, or raw zip entry specs for
 * hostile parts), optional shared strings, plus `extra` entries appended to the zip.
 */
export function xlsx(sheets: { name: string; xml?: string; entry?: Omit<ZipEntrySpec, 'name'> }[], opts: { sharedStrings?: string[]; extra?: ZipEntrySpec[] } = {}): Buffer {
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const entries: ZipEntrySpec[] = [
    {
      name: '[Content_Types].xml',
      data:
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
        '</Types>',
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data:
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${rel}"><sheets>` +
        sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets></workbook>',
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
        (opts.sharedStrings ? `<Relationship Id="rIdS" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/>` : '') +
        '</Relationships>',
    },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, ...(s.entry ?? { data: s.xml ?? sheetXml([]) }) })),
  ];
  if (opts.sharedStrings) {
    entries.push({
      name: 'xl/sharedStrings.xml',
      data:
        `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${opts.sharedStrings.length}" uniqueCount="${opts.sharedStrings.length}">` +
        opts.sharedStrings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('') +
        '</sst>',
    });
  }
  return zip([...entries, ...(opts.extra ?? [])]);
}
