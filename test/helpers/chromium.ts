import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

/** Headless Chromium for the report tests (Debian's chromium package, or CHROMIUM_PATH). */
export const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** LEADKIT_SKIP_BROWSER=1 skips the rendering tests where no browser can be installed. */
export const skipBrowser = process.env.LEADKIT_SKIP_BROWSER === '1';

const run = promisify(execFile);

/** Fail with what to do, rather than with Chromium's ENOENT. */
export function requireChromium(): void {
  if (fs.existsSync(chromium)) return;
  throw new Error(
    `Chromium not found at ${chromium}. Install Debian's chromium package (apt-get install -y chromium fonts-dejavu-core), ` +
      'set CHROMIUM_PATH to another binary, or set LEADKIT_SKIP_BROWSER=1 to skip this test.',
  );
}

function chromiumArgs(profile: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--hide-scrollbars',
    `--user-data-dir=${profile}`,
  ];
}

/** Run Chromium on a fresh profile, so no state of an earlier run can change the result. */
export async function chromiumRun(dir: string, extra: string[]): Promise<string> {
  const profile = fs.mkdtempSync(path.join(dir, 'profile-'));
  const { stdout } = await run(chromium, [...chromiumArgs(profile), ...extra], { timeout: 50_000, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** The text a person sees: tags removed, entities decoded. */
export function visibleText(dom: string): string {
  return dom
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
