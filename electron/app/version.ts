/** The app's version as package.json gives it (the browser host's app:info, the test report). */
import { readFileSync } from 'node:fs';

export function appVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
