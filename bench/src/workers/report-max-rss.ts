// Preloaded (`node --import`) into a process the bench does not write, such as the generator:
// prints the process's peak RSS on stderr as it exits, for the parent to read.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\nbench-max-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
