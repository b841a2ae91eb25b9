/**
 * Run by `npm run build` after tsc: writes dist/commands/manifest.json (manifest.ts) from the
 * commands of the registry, so the overview always says what the commands say.
 */
import fs from 'node:fs';
import { loadCommands } from './index.js';
import { MANIFEST_FILE, manifestEntry } from './manifest.js';

const commands = await loadCommands();
fs.writeFileSync(MANIFEST_FILE, `${JSON.stringify(commands.map(manifestEntry), null, 1)}\n`);
