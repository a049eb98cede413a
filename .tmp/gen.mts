import { PNG } from 'pngjs';
import { writeFileSync } from 'node:fs';
const [W, H, type, out] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4], process.argv[5]!];
const png = new PNG({ width: W, height: H });
png.data.fill(255);
writeFileSync(out, PNG.sync.write(png, { colorType: type === 'gray' ? 0 : 6 }));
