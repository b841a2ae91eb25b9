/**
 * Whether warnings on stderr are coloured, decided from stderr itself: stdout may be a terminal
 * while stderr goes to a log (`leadkit score … 2>warn.log`), and escape codes in a log are noise.
 * Conventions followed: NO_COLOR (https://no-color.org, any non-empty value) always wins, even
 * over FORCE_COLOR, because it is the user's own opt-out; FORCE_COLOR colours a pipe (for CI
 * logs that render ANSI) and FORCE_COLOR=0/false turns colour off; TERM=dumb cannot show it.
 * Returns chalk's level: 0 none, 1 the 16 basic colours, 2 256 colours, 3 true colour.
 */
export type ColourLevel = 0 | 1 | 2 | 3;

export function colourLevel(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): ColourLevel {
  if (env.NO_COLOR) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    const f = force.trim().toLowerCase();
    if (f === '0' || f === 'false') return 0;
    if (f === '2' || f === '3') return Number(f) as ColourLevel;
    return 1;
  }
  if (!stream.isTTY || env.TERM === 'dumb') return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  if (/256/.test(env.TERM ?? '')) return 2;
  return 1;
}
