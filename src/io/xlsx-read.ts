import { formatCount } from '../context.js';
import { DataError, UsageError } from '../errors.js';
import { columnName, FormulaScanner, locateSheet } from './xlsx-scan.js';
import { XlsxZip } from './zip-limits.js';

/** Excel's own limit on the characters in one cell: a longer cell comes from a crafted file. */
export const XLSX_MAX_CELL_CHARS = 32_767;

/** workbook.xml and its rels are a few KB; past this they are not worth scanning for the sheet's part. */
const MAX_WORKBOOK_XML_BYTES = 16 * 1024 * 1024;

/**
 * Read one sheet of an .xlsx workbook as rows of strings. Numbers keep the text Excel stored
 * (parseNumber returns it unchanged), so `491711234567` and `01067` (stored as text) survive;
 * dates become ISO dates. read-excel-file unpacks the workbook at once: xlsx lists are bounded
 * by Excel's own 1,048,576-row limit, so this is acceptable where CSV must stream.
 *
 * The zip is checked first (src/io/zip-limits.ts): a zip bomb is refused with E_XLSX_LIMIT
 * before anything large is unpacked, and read-excel-file reads only the checked parts. A cell
 * longer than Excel allows is an error; formula cells without a saved value (read as empty)
 * are reported through `onWarning`, one message with the file name in front.
 */
export async function readXlsxRows(
  input: string | Buffer,
  file: string,
  sheet?: string,
  onWarning?: (message: string) => void,
): Promise<string[][]> {
  const sheetArg = sheet === undefined ? undefined : /^\d+$/.test(sheet) ? Number(sheet) : sheet;
  const zip = await XlsxZip.open(input, file);
  let packed: Buffer;
  let target: { name: string; path: string } | undefined;
  const formulas = new FormulaScanner();
  try {
    target = await findSheetPart(zip, sheetArg);
    packed = await zip.repack((part, chunk) => {
      if (part.name === target?.path) formulas.push(chunk);
    });
  } finally {
    await zip.close();
  }

  // Loaded on first use: most runs read no xlsx, and the reader costs startup time.
  const { readSheet } = await import('read-excel-file/node');
  let data: unknown[][];
  try {
    const opts = { trim: false, parseNumber: (s: string) => s };
    data = (sheetArg === undefined ? await readSheet(packed, opts) : await readSheet(packed, sheetArg, opts)) as unknown[][];
  } catch (err) {
    const e = err as Error & { sheets?: string[] };
    if (e.name === 'SheetNotFoundError') {
      const names = e.sheets ? ` (sheets: ${e.sheets.join(', ')})` : '';
      throw new UsageError(`${file}: no sheet "${sheet}"${names}`, 'E_SHEET');
    }
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      // read-excel-file parses a sheet in chunks by recursion: a sheet of several hundred
      // thousand rows can overflow the stack.
      throw new DataError('E_XLSX_LIMIT', 'the sheet is too large for the .xlsx reader (it ran out of stack): save it as CSV and read that', file);
    }
    throw new DataError('E_XLSX', `not a readable .xlsx workbook (${e.message})`, file);
  }
  const sheetName = target ? ` of sheet "${target.name}"` : '';
  // read-excel-file places row i, column j of its result at cell (i + 1, j + 1) of the sheet.
  const rows = data.map((row, i) =>
    row.map((v, j) => {
      const text = cellText(v);
      if (text.length > XLSX_MAX_CELL_CHARS) {
        throw new DataError(
          'E_XLSX_LIMIT',
          `refused: cell ${columnName(j + 1)}${i + 1}${sheetName} holds ${formatCount(text.length)} characters, more than Excel's limit of ${formatCount(XLSX_MAX_CELL_CHARS)} per cell (the file was not saved by Excel)`,
          file,
        );
      }
      return text;
    }),
  );
  if (formulas.count > 0 && onWarning) onWarning(`${file}: ${formulaWarning(formulas, target?.name)}`);
  return rows;
}

function formulaWarning(f: FormulaScanner, sheet: string | undefined): string {
  const one = f.count === 1;
  const refs = f.refs.length > 0 ? ` (${f.refs.join(', ')}${f.count > f.refs.length ? ', …' : ''})` : '';
  const where = sheet === undefined ? '' : ` in sheet "${sheet}"`;
  return (
    `${formatCount(f.count)} formula ${one ? 'cell' : 'cells'}${where} ${one ? 'has' : 'have'} no saved value${refs}: ` +
    `${one ? 'it is' : 'they are'} read as empty; open and save the file in Excel to compute ${one ? 'it' : 'them'}`
  );
}

/** The zip part of the sheet to read, from the workbook and its relations (small parts, read whole). */
async function findSheetPart(zip: XlsxZip, sheet: string | number | undefined): Promise<{ name: string; path: string } | undefined> {
  const wb = zip.part('xl/workbook.xml');
  const rels = zip.part('xl/_rels/workbook.xml.rels');
  if (!wb || !rels) return undefined;
  const wbXml = await zip.readPart(wb, MAX_WORKBOOK_XML_BYTES);
  const relsXml = await zip.readPart(rels, MAX_WORKBOOK_XML_BYTES);
  if (!wbXml || !relsXml) return undefined;
  return locateSheet(wbXml.toString('utf8'), relsXml.toString('utf8'), sheet);
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    // A serial's day fraction is binary: 10:30:15 comes back a millisecond short. Within a
    // millisecond of a whole second, the time is that second (as a spreadsheet shows it).
    const ms = v.getTime();
    const second = Math.round(ms / 1000) * 1000;
    const iso = new Date(Math.abs(ms - second) <= 1 ? second : ms).toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  return String(v);
}
