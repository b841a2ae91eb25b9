// Preloaded into each benchmarked process (node --import): records its peak RSS and CPU time on exit.
import fs from 'node:fs';

process.on('exit', () => {
  const file = process.env.LEADKIT_BENCH_RSS;
    if (!file) return;
  const u = process.resourceUsage();
  // pid, peak RSS (KB), user + system CPU time (µs)
  fs.appendFileSync(file, `${process.pid} ${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}\n`);
});
