// A fresh process that imports one client entry (or nothing: bare node) and reports what it cost.
// argv[2]: the package to import, or nothing for bare node.
const specifier = process.argv[2];
const started = performance.now();
if (specifier) await import(specifier);
const importMs = performance.now() - started;
process.stdout.write(`${JSON.stringify({ importMs, maxRssKb: process.resourceUsage().maxRSS })}\n`);
