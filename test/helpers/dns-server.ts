import dgram from 'node:dgram';

/**
 * A tiny authoritative DNS server on loopback, so MX checks are tested against real DNS packets
 * parsed by node's resolver (c-ares) rather than against a mock of our own making.
 */
export const TYPE = { A: 1, MX: 15, AAAA: 28 } as const;
export const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3 } as const;

export type Answer = { type: number; data: Buffer };
/** A name's behaviour: its rcode, answers per query type, or no reply at all (silent). */
export type Zone = { rcode?: number; answers?: Partial<Record<number, Answer[]>>; silent?: boolean };

function encodeName(name: string): Buffer {
  const parts = name === '' ? [] : name.split('.');
  return Buffer.concat([...parts.map((p) => Buffer.concat([Buffer.from([p.length]), Buffer.from(p, 'ascii')])), Buffer.from([0])]);
}

export function mx(priority: number, exchange: string): Answer {
  const pref = Buffer.alloc(2);
  pref.writeUInt16BE(priority);
  return { type: TYPE.MX, data: Buffer.concat([pref, encodeName(exchange)]) };
}

export const a = (ip: string): Answer => ({ type: TYPE.A, data: Buffer.from(ip.split('.').map(Number)) });

function parseQuestion(msg: Buffer): { name: string; type: number; end: number } {
  let offset = 12;
  const labels: string[] = [];
  while (msg[offset] !== 0) {
    const len = msg[offset];
    labels.push(msg.toString('ascii', offset + 1, offset + 1 + len));
    offset += len + 1;
  }
  offset += 1;
  return { name: labels.join('.').toLowerCase(), type: msg.readUInt16BE(offset), end: offset + 4 };
}

function respond(msg: Buffer, zones: Record<string, Zone>, queries: { name: string; type: number }[]): Buffer | null {
  const { name, type, end } = parseQuestion(msg);
  queries.push({ name, type });
  const zone = zones[name];
  if (zone?.silent) return null;
  const rcode = zone === undefined ? RCODE.NXDOMAIN : (zone.rcode ?? RCODE.NOERROR);
  const answers = rcode === RCODE.NOERROR ? (zone?.answers?.[type] ?? []) : [];
  const header = Buffer.alloc(12);
  header.writeUInt16BE(msg.readUInt16BE(0), 0); // id
  header.writeUInt16BE(0x8000 | 0x0400 | (msg.readUInt16BE(2) & 0x0100) | 0x0080 | rcode, 2); // QR AA RD RA rcode
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  const records = answers.map((answer) => {
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0); // pointer to the question name
    fixed.writeUInt16BE(answer.type, 2);
    fixed.writeUInt16BE(1, 4); // IN
    fixed.writeUInt32BE(60, 6);
    fixed.writeUInt16BE(answer.data.length, 10);
    return Buffer.concat([fixed, answer.data]);
  });
  return Buffer.concat([header, msg.subarray(12, end), ...records]);
}

export interface DnsServer {
  /** host:port to give a resolver. */
  address: string;
  queries: { name: string; type: number }[];
  close(): Promise<void>;
}

/** Start the server on 127.0.0.1 and an ephemeral port; names not in `zones` are NXDOMAIN. */
export async function startDnsServer(zones: Record<string, Zone>): Promise<DnsServer> {
  const queries: { name: string; type: number }[] = [];
  const server = dgram.createSocket('udp4');
  server.on('message', (msg, remote) => {
    const reply = respond(msg, zones, queries);
    if (reply) server.send(reply, remote.port, remote.address);
  });
  await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${server.address().port}`,
    queries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
