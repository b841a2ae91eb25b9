import type { Command, OptionSpec } from './types.js';
import { QUIET_OPTION } from './option-flags.js';

/** The README's command reference, generated from the registry so it cannot drift from --help. */
export function renderReference(commands: Command<any>[], standardIo: OptionSpec[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out: string[] = [];
  for (const c of commands) {
    out.push(`### leadkit ${c.name}`, '', c.description ?? c.summary, '', '```sh', ...c.examples.map((e) => `$ ${e}`), '```', '');
    if (c.options.length) {
      out.push('| option | meaning |', '| --- | --- |');
      for (const o of c.options) {
        const extra = [o.choices ? `one of ${o.choices.join(', ')}` : '', o.default !== undefined ? `default ${JSON.stringify(o.default)}` : '', o.repeatable ? 'repeatable' : ''].filter(Boolean).join('; ');
        out.push(`| \`${esc(o.flags)}\` | ${esc(o.description)}${extra ? ` (${extra})` : ''} |`);
      }
      out.push('');
    }
  }
  out.push('### Options every table command takes', '', '| option | meaning |', '| --- | --- |');
  for (const o of standardIo) out.push(`| \`${esc(o.flags)}\` | ${esc(o.description)} |`);
  out.push(`| \`${QUIET_OPTION.flags}\` | ${QUIET_OPTION.description} |`, '');
  return out.join('\n');
}
