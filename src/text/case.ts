/** True when the text has letters and all of them are capitals ("MÜLLER HOLZBAU"). */
export function isAllCaps(text: string): boolean {
  return /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
}
