import fs from 'node:fs';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { formatCount } from '../context.js';
import { DataError } from '../errors.js';

/*
 * Resource limits for unpacking an .xlsx workbook (a zip of XML parts).
 *
 * read-excel-file inflates every `.xml` / `.xml.rels` part of the zip into memory, trusting the
 * sizes the zip headers declare, and then decodes each part into one JavaScript string. A zip
 * bomb therefore costs gigabytes before any XML is parsed. Before read-excel-file sees the
 * workbook, this module reads the zip's central directory itself, refuses what is out of bounds,
 * inflates every part it will hand on with a hard cap (headers can lie), and repacks exactly the
 * checked parts, with their true sizes, into the workbook read-excel-file reads.
 *
 * Sizing (measured with a generated Excel-style sheet: 1,048,576 rows x 10 lead columns with
 * shared strings): the sheet XML is 434 MB, the shared strings 83 MB, 517 MB in all, packed 7.5:1.
 * Such a full-height sheet passes every limit below. A part larger than V8's longest string
 * (0x1fffffe8 = 536,870,888 characters) cannot be read by read-excel-file at all (it decodes each
 * part into one string), so a full sheet much wider than ~12 columns is out of reach anyway.
 * Checking that full sheet takes ~3 s and ~150 MB (parts are inflated as streams, not held).
 * (read-excel-file 9.3 itself then fails on it: its chunked XML parse recurses once per chunk and
 * overflows the stack after ~110 s; it reads 524,288 such rows in ~20 s at 1.6 GB RSS.)
 */

const MiB = 1024 * 1024;

/** Most entries a workbook's zip may hold. Excel writes about ten plus two or three per sheet. */
export const XLSX_MAX_ENTRIES = 10_000;
/** Largest central directory read (a real one is ~100 bytes per entry). */
export const XLSX_MAX_DIRECTORY_BYTES = 16 * MiB;
/**
 * Largest single XML part, unpacked: just under V8's maximum string length, which
 * read-excel-file cannot go past anyway (it decodes each part into one string).
 */
export const XLSX_MAX_PART_BYTES = 500 * MiB;
/**
 * All XML parts together, unpacked. read-excel-file holds them all, as bytes and again as
 * strings, however many sheets the workbook has; 1 GiB of XML already means several GB of memory.
 */
export const XLSX_MAX_XML_BYTES = 1024 * MiB;
/** Highest packing ratio accepted for a large part. Real sheets pack 5-20:1; deflate tops out near 1032:1. */
export const XLSX_MAX_RATIO = 200;
/** Parts up to this size (unpacked) may have any ratio: a few MiB cost nothing. */
export const XLSX_RATIO_MIN_BYTES = 4 * MiB;

/** One entry of the zip's central directory. */
export interface ZipEntry {
  /** Name as read-excel-file sees it (UTF-8 when flagged, else single-byte). */
  name: string;
  /** The name's bytes as stored, written back unchanged when repacking. */
  nameBytes: Buffer;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  /** The uncompressed size the directory declares (not trusted: checked when inflating). */
  size: number;
  localOffset: number;
}

/** Random access to the workbook bytes: an in-memory buffer or an open file. */
interface ByteSource {
  size: number;
  read(offset: number, length: number): Promise<Buffer>;
  readInto(target: Buffer, offset: number): Promise<void>;
  close(): Promise<void>;
}

function bufferSource(buf: Buffer): ByteSource {
  return {
    size: buf.length,
    read: async (offset, length) => buf.subarray(offset, offset + length),
    readInto: async (target, offset) => {
      buf.copy(target, 0, offset, offset + target.length);
    },
    close: async () => {},
  };
}

async function fileSource(file: string): Promise<ByteSource> {
  let fh: fs.promises.FileHandle;
  try {
    fh = await fs.promises.open(file, 'r');
  } catch (err) {
    throw new DataError('E_READ', (err as Error).message, file);
  }
  const size = (await fh.stat()).size;
  const readInto = async (target: Buffer, offset: number): Promise<void> => {
    let done = 0;
    while (done < target.length) {
      const { bytesRead } = await fh.read(target, done, target.length - done, offset + done);
      if (bytesRead === 0) throw new DataError('E_XLSX', 'not a readable .xlsx workbook (the file ends inside a zip entry)', file);
      done += bytesRead;
    }
  };
  return {
    size,
    read: async (offset, length) => {
      const b = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      await readInto(b, offset);
      return b;
    },
    readInto,
    close: () => fh.close(),
  };
}

/** A size for messages: exact bytes when small, MiB/GiB when large. */
export function formatBytes(n: number): string {
  if (n < MiB) return `${formatCount(n)} bytes`;
  if (n < 1024 * MiB) return `${+(n / MiB).toFixed(1)} MiB`;
  return `${+(n / 1024 / MiB).toFixed(2)} GiB`;
}

/** The parts read-excel-file inflates (the rest, e.g. images, it skips): see its filterZipArchiveEntry. */
export function isXmlPart(name: string): boolean {
  return name.endsWith('.xml') || name.endsWith('.xml.rels');
}

function unreadable(file: string, why: string): DataError {
  return new DataError('E_XLSX', `not a readable .xlsx workbook (${why})`, file);
}

function refused(file: string, why: string): DataError {
  return new DataError('E_XLSX_LIMIT', `refused: ${why}`, file);
}

/**
 * The zip of one workbook, its directory read and the declared sizes checked. Call
 * `repack()` for the checked workbook bytes and `close()` when done.
 */
export class XlsxZip {
  private constructor(
    private readonly src: ByteSource,
    private readonly file: string,
    /** The XML parts, in the order they are stored (the order a streaming unzip meets them). */
    readonly parts: ZipEntry[],
  ) {}

  static async open(input: string | Buffer, file: string): Promise<XlsxZip> {
    const src = typeof input === 'string' ? await fileSource(input) : bufferSource(input);
    try {
      const entries = await readDirectory(src, file);
      const parts = checkDeclared(entries, src.size, file);
      return new XlsxZip(src, file, parts);
    } catch (err) {
      await src.close();
      throw err;
    }
  }

  part(name: string): ZipEntry | undefined {
    return this.parts.find((p) => p.name === name);
  }

  /** Inflate one part into memory (bounded by its checked declared size), or undefined if larger than `maxBytes`. */
  async readPart(part: ZipEntry, maxBytes: number): Promise<Buffer | undefined> {
    if (part.size > maxBytes) return undefined;
    const data = await this.packedData(part);
    const chunks: Buffer[] = [];
    await this.inflateChecked(part, data, (c) => chunks.push(c));
    return Buffer.concat(chunks);
  }

  /**
   * Inflate every XML part (each capped at its declared size, which was checked against the
   * limits), show each unpacked chunk to `observe`, and return a new zip holding exactly those
   * parts with their true sizes: what read-excel-file then unpacks is what was checked here.
   */
  async repack(observe?: (part: ZipEntry, chunk: Buffer) => void): Promise<Buffer> {
    const LOCAL = 30;
    const CENTRAL = 46;
    let localBytes = 0;
    let centralBytes = 0;
    for (const p of this.parts) {
      localBytes += LOCAL + p.nameBytes.length + p.compressedSize;
      centralBytes += CENTRAL + p.nameBytes.length;
    }
    const out = Buffer.alloc(localBytes + centralBytes + 22);
    let at = 0;
    let central = localBytes;
    for (const p of this.parts) {
      const dataAt = at + LOCAL + p.nameBytes.length;
      const data = out.subarray(dataAt, dataAt + p.compressedSize);
      await this.packedData(p, data);
      const size = await this.inflateChecked(p, data, observe ? (c) => observe(p, c) : undefined);
      // Bit 11 (UTF-8 name) is kept; bit 3 (sizes in a trailing data descriptor) is dropped: the
      // sizes are written here, as measured.
      const flags = p.flags & 0x0800;
      out.writeUInt32LE(0x04034b50, at);
      out.writeUInt16LE(20, at + 4);
      out.writeUInt16LE(flags, at + 6);
      out.writeUInt16LE(p.method, at + 8);
      out.writeUInt32LE(p.crc >>> 0, at + 14);
      out.writeUInt32LE(p.compressedSize, at + 18);
      out.writeUInt32LE(size, at + 22);
      out.writeUInt16LE(p.nameBytes.length, at + 26);
      p.nameBytes.copy(out, at + LOCAL);

      out.writeUInt32LE(0x02014b50, central);
      out.writeUInt16LE(20, central + 4);
      out.writeUInt16LE(20, central + 6);
      out.writeUInt16LE(flags, central + 8);
      out.writeUInt16LE(p.method, central + 10);
      out.writeUInt32LE(p.crc >>> 0, central + 16);
      out.writeUInt32LE(p.compressedSize, central + 20);
      out.writeUInt32LE(size, central + 24);
      out.writeUInt16LE(p.nameBytes.length, central + 28);
      out.writeUInt32LE(at, central + 42);
      p.nameBytes.copy(out, central + CENTRAL);

      at = dataAt + p.compressedSize;
      central += CENTRAL + p.nameBytes.length;
    }
    out.writeUInt32LE(0x06054b50, central);
    out.writeUInt16LE(this.parts.length, central + 8);
    out.writeUInt16LE(this.parts.length, central + 10);
    out.writeUInt32LE(centralBytes, central + 12);
    out.writeUInt32LE(localBytes, central + 16);
    return out;
  }

  close(): Promise<void> {
    return this.src.close();
  }

  /** The part's stored (compressed) bytes, found through its local header. */
  private async packedData(p: ZipEntry, into?: Buffer): Promise<Buffer> {
    const head = await this.src.read(p.localOffset, 30);
    if (head.length < 30 || head.readUInt32LE(0) !== 0x04034b50) throw unreadable(this.file, `${p.name}: no zip entry where the directory points`);
    const dataAt = p.localOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
    if (dataAt + p.compressedSize > this.src.size) throw unreadable(this.file, `${p.name}: the file ends inside this zip entry`);
    const target = into ?? Buffer.alloc(p.compressedSize);
    await this.src.readInto(target, dataAt);
    return target;
  }

  /** Inflate `data`, never producing more than the declared size; returns the true size. */
  private async inflateChecked(p: ZipEntry, data: Buffer, onChunk?: (c: Buffer) => void): Promise<number> {
    if (p.method === 0) {
      for (let i = 0; i < data.length; i += MiB) onChunk?.(data.subarray(i, i + MiB));
      return data.length;
    }
    const inflater = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
    const feed = Readable.from(slices(data, MiB));
    feed.on('error', (e) => inflater.destroy(e));
    feed.pipe(inflater);
    let size = 0;
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > p.size) {
          throw refused(
            this.file,
            `${p.name} unpacks to more than the ${formatBytes(p.size)} its zip header declares (a zip bomb?)`,
          );
        }
        onChunk?.(chunk);
      }
    } catch (err) {
      if (err instanceof DataError) throw err;
      throw unreadable(this.file, `${p.name}: ${(err as Error).message}`);
    } finally {
      feed.unpipe(inflater);
      feed.destroy();
      inflater.destroy();
    }
    return size;
  }
}

function* slices(data: Buffer, n: number): Generator<Buffer> {
  for (let i = 0; i < data.length; i += n) yield data.subarray(i, i + n);
}

/** Read the central directory (zip64 too), refusing one with too many entries. */
async function readDirectory(src: ByteSource, file: string): Promise<ZipEntry[]> {
  const tailLen = Math.min(src.size, 22 + 0xffff);
  const tail = await src.read(src.size - tailLen, tailLen);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50 && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable(file, 'no zip directory: the file is cut short or is not a zip');
  let count = tail.readUInt16LE(eocd + 10);
  let dirSize = tail.readUInt32LE(eocd + 12);
  let dirOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    // Zip64: the real values are in the zip64 end record, found through its locator.
    const locAt = src.size - tailLen + eocd - 20;
    const loc = locAt >= 0 ? await src.read(locAt, 20) : Buffer.alloc(0);
    if (loc.length === 20 && loc.readUInt32LE(0) === 0x07064b50) {
      const rec = await src.read(Number(loc.readBigUInt64LE(8)), 56);
      if (rec.length < 56 || rec.readUInt32LE(0) !== 0x06064b50) throw unreadable(file, 'broken zip64 directory');
      count = Number(rec.readBigUInt64LE(32));
      dirSize = Number(rec.readBigUInt64LE(40));
      dirOffset = Number(rec.readBigUInt64LE(48));
    }
  }
  if (count > XLSX_MAX_ENTRIES) {
    throw refused(file, `the zip holds ${formatCount(count)} entries, more than the limit of ${formatCount(XLSX_MAX_ENTRIES)} for a workbook`);
  }
  if (dirSize > XLSX_MAX_DIRECTORY_BYTES) {
    throw refused(file, `the zip directory is ${formatBytes(dirSize)}, more than the limit of ${formatBytes(XLSX_MAX_DIRECTORY_BYTES)}`);
  }
  if (dirOffset + dirSize > src.size) throw unreadable(file, 'the zip directory points past the end of the file');
  const dir = await src.read(dirOffset, dirSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== 0x02014b50) throw unreadable(file, 'broken zip directory');
    const flags = dir.readUInt16LE(p + 8);
    const nameLen = dir.readUInt16LE(p + 28);
    const extraLen = dir.readUInt16LE(p + 30);
    const commentLen = dir.readUInt16LE(p + 32);
    if (p + 46 + nameLen + extraLen > dir.length) throw unreadable(file, 'broken zip directory');
    const nameBytes = Buffer.from(dir.subarray(p + 46, p + 46 + nameLen));
    const e: ZipEntry = {
      name: nameBytes.toString(flags & 0x0800 ? 'utf8' : 'latin1'),
      nameBytes,
      flags,
      method: dir.readUInt16LE(p + 10),
      crc: dir.readUInt32LE(p + 16),
      compressedSize: dir.readUInt32LE(p + 20),
      size: dir.readUInt32LE(p + 24),
      localOffset: dir.readUInt32LE(p + 42),
    };
    readZip64Extra(e, dir.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen));
    entries.push(e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Sizes and offset that did not fit 32 bits are in the zip64 extra field (id 1), in this order. */
function readZip64Extra(e: ZipEntry, extra: Buffer): void {
  if (e.size !== 0xffffffff && e.compressedSize !== 0xffffffff && e.localOffset !== 0xffffffff) return;
  for (let i = 0; i + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(i);
    const len = extra.readUInt16LE(i + 2);
    if (id === 1) {
      let q = i + 4;
      const next = (): number => {
        const v = q + 8 <= i + 4 + len && q + 8 <= extra.length ? Number(extra.readBigUInt64LE(q)) : Infinity;
        q += 8;
        return v;
      };
      if (e.size === 0xffffffff) e.size = next();
      if (e.compressedSize === 0xffffffff) e.compressedSize = next();
      if (e.localOffset === 0xffffffff) e.localOffset = next();
      return;
    }
    i += 4 + len;
  }
}

/** Check what the directory declares for the XML parts; returns them in stored order. */
function checkDeclared(entries: ZipEntry[], fileSize: number, file: string): ZipEntry[] {
  const parts = entries.filter((e) => isXmlPart(e.name)).sort((a, b) => a.localOffset - b.localOffset);
  const seen = new Set<string>();
  let total = 0;
  for (const p of parts) {
    if (seen.has(p.name)) throw unreadable(file, `the zip holds ${p.name} twice`);
    seen.add(p.name);
    if (p.flags & 0x0001) throw unreadable(file, `${p.name} is encrypted`);
    if (p.method !== 0 && p.method !== 8) throw unreadable(file, `${p.name} uses zip compression method ${p.method}; only stored and deflated entries can be read`);
    if (p.method === 0 && p.size !== p.compressedSize) throw unreadable(file, `${p.name}: stored entry with two different sizes`);
    if (p.localOffset + 30 + p.compressedSize > fileSize) throw unreadable(file, `${p.name}: the zip entry points past the end of the file`);
    // Deflate adds at most a few bytes per 16 KiB to data it cannot shrink: packed data much
    // larger than its declared content is not a real entry (and would be copied for nothing).
    if (p.compressedSize > p.size + (p.size >>> 6) + 1024) throw unreadable(file, `${p.name}: packed data larger than the size it declares`);
    if (p.size > XLSX_MAX_PART_BYTES) {
      throw refused(file, `${p.name} would unpack to ${formatBytes(p.size)}, more than the limit of ${formatBytes(XLSX_MAX_PART_BYTES)} for one part`);
    }
    if (p.size > XLSX_RATIO_MIN_BYTES && p.size > XLSX_MAX_RATIO * p.compressedSize) {
      const ratio = p.compressedSize > 0 ? `${formatCount(Math.round(p.size / p.compressedSize))}:1` : 'from nothing';
      throw refused(
        file,
        `${p.name} would unpack ${ratio} to ${formatBytes(p.size)}, more than the limit of ${XLSX_MAX_RATIO}:1 for parts over ${formatBytes(XLSX_RATIO_MIN_BYTES)} (a zip bomb?)`,
      );
    }
    total += p.size;
  }
  if (total > XLSX_MAX_XML_BYTES) {
    throw refused(file, `its XML parts would unpack to ${formatBytes(total)}, more than the limit of ${formatBytes(XLSX_MAX_XML_BYTES)} for a workbook`);
  }
  return parts;
}
