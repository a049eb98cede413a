import { readFileSync } from 'node:fs';
import { pngToGray } from '../electron/pdf/qr-read.ts';
const b = readFileSync(process.argv[2]!);
const base = process.memoryUsage().rss;
const t = Date.now();
pngToGray(b);
console.log('decode ms', Date.now() - t, 'baseline MB', Math.round(base / 1e6), 'maxRSS MB', Math.round(process.resourceUsage().maxRSS / 1024));
