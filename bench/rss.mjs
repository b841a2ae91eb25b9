// Preloaded into each benchmarked process (node --import): records its peak RSS on exit.
import fs from 'node:fs';

process.on('exit', () => {
  const file = process.env.LEADKIT_BENCH_RSS;
  if (file) fs.appendFileSync(file, `${process.pid} ${process.resourceUsage().maxRSS}\n`);
});
