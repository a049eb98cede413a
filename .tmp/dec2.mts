import { readFileSync } from 'node:fs';
import { pngToGrayBounded } from '../electron/pdf/png-gray.ts';
const b = readFileSync(process.argv[2]!);
const base = process.memoryUsage().rss;
const t = Date.now();
await pngToGrayBounded(b, 40e6);
console.log(process.argv[2], 'decode ms', Date.now() - t, 'baseline MB', Math.round(base / 1e6), 'maxRSS MB', Math.round(process.resourceUsage().maxRSS / 1024));
