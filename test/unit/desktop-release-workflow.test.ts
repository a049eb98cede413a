/** .github/workflows/release.yml does what issue 7 asks: tag-triggered installers, smoke test, signing from secrets. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: { push: { tags: string[] } };
  jobs: Record<string, { 'runs-on': string; strategy?: { matrix: { include: Array<{ os: string; targets: string }> } }; steps: Step[]; env?: Record<string, string> }>;
}

const text = readFileSync(new URL('../../.github/workflows/release.yml', import.meta.url), 'utf8');
const wf = parse(text) as Workflow;
const installers = wf.jobs.installers!;
const steps = installers.steps;
const index = (pred: (s: Step) => boolean) => steps.findIndex(pred);

describe('release workflow', () => {
  it('runs on version tags, on Windows and macOS, for both architectures', () => {
    expect(wf.on.push.tags).toEqual(['v*']);
    const matrix = installers.strategy!.matrix.include;
    expect(matrix.map((m) => m.os).sort()).toEqual(['macos-latest', 'windows-latest']);
    expect(matrix.find((m) => m.os === 'windows-latest')?.targets).toBe('--win nsis --x64 --arm64');
    expect(matrix.find((m) => m.os === 'macos-latest')?.targets).toBe('--mac dmg zip --x64 --arm64');
  });

  it('builds, rebuilds natives for Electron and runs the _electron smoke test before packaging', () => {
    const build = index((s) => s.run === 'npm run build');
    const rebuild = index((s) => s.run?.includes('electron-builder install-app-deps') ?? false);
    const smoke = index((s) => s.run === 'npm run test:e2e-electron');
    const fetch = index((s) => s.run === 'node scripts/fetch-electron.mjs --strict');
    const pack = index((s) => s.run?.includes('npx electron-builder ${{ matrix.targets }} --publish never') ?? false);
    expect([fetch, build, rebuild, smoke, pack].every((i) => i >= 0)).toBe(true);
    expect(fetch).toBeLessThan(smoke);
    expect(build).toBeLessThan(rebuild);
    expect(rebuild).toBeLessThan(smoke);
    expect(smoke).toBeLessThan(pack);
  });

  it('signs only from secrets and uploads the installers', () => {
    const pack = steps.find((s) => s.run?.includes('npx electron-builder ${{') ?? false)!;
    expect(pack.env).toMatchObject({
      CSC_LINK: '${{ secrets.CSC_LINK }}',
      CSC_KEY_PASSWORD: '${{ secrets.CSC_KEY_PASSWORD }}',
      WIN_CSC_LINK: '${{ secrets.WIN_CSC_LINK }}',
      APPLE_API_KEY_ID: '${{ secrets.APPLE_API_KEY_ID }}',
    });
    expect(pack.run).toContain('unset');
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact') && String(s.with?.name).startsWith('installers-'));
    expect(String(upload?.with?.path)).toContain('release/*.exe');
    expect(String(upload?.with?.path)).toContain('release/*.dmg');
    expect(wf.jobs.release?.steps.some((s) => s.run?.includes('gh release create'))).toBe(true);
    // No credential is ever written into the workflow itself.
    expect(text).not.toMatch(/-----BEGIN|password:\s*\S+[^}]$/m);
  });
});
