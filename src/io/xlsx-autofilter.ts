/**
 * An autofilter over the header and every row, as a write-excel-file feature (the library has
 * none of its own). Two parts, as Excel writes them itself: the sheet's <autoFilter ref>, and the
 * hidden defined name _xlnm._FilterDatabase that Excel and LibreOffice keep the range in.
 */
import type { Feature } from 'write-excel-file/node';
import {
  appendMarkupInsideElement,
  findElement,
  getCellAddress,
  getOrderOfSiblings,
  getSelfClosingTagMarkup,
  insertElementMarkupAccordingToOrderOfSiblings,
  replaceElement,
  sanitizeTextContent,
} from 'write-excel-file/utility';

/** The feature for one sheet named `sheet`, `columns` wide with `rows` rows under the header. */
export function autofilter(sheet: string, columns: number, rows: number): Feature<unknown> {
  const last = getCellAddress(rows, columns - 1);
  const ref = `A1:${last}`;
  const absolute = `'${sheet.replace(/'/g, "''")}'!$A$1:${last.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2')}`;
  return {
    files: {
      transform: {
        'xl/worksheets/sheet{id}.xml': {
          transform: (xml) => insert(xml, getSelfClosingTagMarkup('autoFilter', { ref }), 'xl/worksheets/sheet{id}.xml', 'worksheet'),
        },
        'xl/workbook.xml': {
          transform: (xml) => defineName(xml, `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${sanitizeTextContent(absolute)}</definedName>`),
        },
      },
    },
  } as Feature<unknown>;
}

/** Adds a defined name to the workbook's <definedNames>, which the library writes empty. */
function defineName(xml: string, markup: string): string {
  const names = findElement(xml, 'definedNames');
  if (!names) return insert(xml, `<definedNames>${markup}</definedNames>`, 'xl/workbook.xml', 'workbook');
  if (names.selfClosingTag) return replaceElement(xml, names, `<definedNames>${markup}</definedNames>`);
  return appendMarkupInsideElement(xml, names, markup);
}

function insert(xml: string, markup: string, file: 'xl/workbook.xml' | 'xl/worksheets/sheet{id}.xml', parent: string): string {
  const order = getOrderOfSiblings(file, parent);
  if (!order) throw new Error(`xlsx: no element order known for ${file}`);
  return insertElementMarkupAccordingToOrderOfSiblings(xml, markup, order, parent);
}
