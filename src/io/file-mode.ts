import type fs from 'node:fs';

/**
 * Whether new output files may be readable by everyone: not when an input was not (a list of
 * personal data kept 0600 must not come out 0644). Read by the file sinks.
 */
let inputsPrivate = false;

export function noteInputMode(st: fs.Stats): void {
  if (st.isFile() && (st.mode & 0o004) === 0) inputsPrivate = true;
}

/** True once any input file was not world-readable. */
export function anyInputPrivate(): boolean {
  return inputsPrivate;
}
