// `node --import ./test/helpers/record-modules.mjs …`: appends the URL of every module the
// program resolves to the file named by LEADKIT_LOADED (for tests of what a command loads).
import { register } from 'node:module';

const hooks = `
import fs from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (process.env.LEADKIT_LOADED) fs.appendFileSync(process.env.LEADKIT_LOADED, r.url + '\\n');
  return r;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
