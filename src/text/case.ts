/** True when the text has letters and all of them are capitals ("MÜLLER HOLZBAU"). */
export function isAllCaps(text: string): boolean {
  // Runs on every name, company and city import reads: plain ASCII is decided in one pass, and
  // most values are done at their second or third letter.
  let upper = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) upper = true;
    else if (c >= 0x80) return /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
  }
  return upper;
}
