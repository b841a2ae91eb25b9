import { DataError, UsageError } from '../errors.js';

/**
 * Read one sheet of an .xlsx workbook as rows of strings. Numbers keep the text Excel stored
 * (parseNumber returns it unchanged), so `491711234567` and `01067` (stored as text) survive;
 * dates become ISO dates. read-excel-file unpacks the workbook at once: xlsx lists are bounded
 * by Excel's own 1,048,576-row limit, so this is acceptable where CSV must stream.
 */
export async function readXlsxRows(input: string | Buffer, file: string, sheet?: string): Promise<string[][]> {
  // Loaded on first use: most runs read no xlsx, and the reader costs startup time.
  const { readSheet } = await import('read-excel-file/node');
  let data: unknown[][];
  try {
    const sheetArg = sheet === undefined ? undefined : /^\d+$/.test(sheet) ? Number(sheet) : sheet;
    const opts = { trim: false, parseNumber: (s: string) => s };
    data = (sheetArg === undefined ? await readSheet(input, opts) : await readSheet(input, sheetArg, opts)) as unknown[][];
  } catch (err) {
    const e = err as Error & { sheets?: string[] };
    if (e.name === 'SheetNotFoundError') {
      const names = e.sheets ? ` (sheets: ${e.sheets.join(', ')})` : '';
      throw new UsageError(`${file}: no sheet "${sheet}"${names}`, 'E_SHEET');
    }
    throw new DataError('E_XLSX', `not a readable .xlsx workbook (${e.message})`, file);
  }
  return data.map((row) => row.map(cellText));
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  return String(v);
}
