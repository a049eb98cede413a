/** The app:// protocol: GET/HEAD only, CSP on every page, and no way out of dist/renderer. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fake } from './desktop-fake-electron';

vi.mock('electron', async () => (await import('./desktop-fake-electron')).fake);

const { APP_CSP, createAppProtocolHandler, installAppProtocol, registerAppScheme, resolveAppPath } = await import('../../electron/main/app-protocol');

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'desk-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>e-Invoice Desk</title>');
  writeFileSync(join(root, 'assets', 'app-1.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'SECRET');
  writeFileSync(join(base, 'renderer-evil.txt'), 'SIBLING');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const TRAVERSALS = [
  'app://desk/../secret.txt',
  'app://desk/assets/../../secret.txt',
  'app://desk/%2e%2e/secret.txt',
  'app://desk/%2E%2E/secret.txt',
  'app://desk/.%2e/secret.txt',
  'app://desk/%2e%2e%2fsecret.txt',
  'app://desk/..%2fsecret.txt',
  'app://desk/..%2Fsecret.txt',
  'app://desk/assets/..%2f..%2fsecret.txt',
  'app://desk/%252e%252e/secret.txt',
  'app://desk/%252e%252e%252fsecret.txt',
  'app://desk/..%5csecret.txt',
  'app://desk/..\\secret.txt',
  'app://desk/%5c..%5csecret.txt',
  'app://desk/%c0%ae%c0%ae/secret.txt',
  'app://desk/%uff0e%uff0e/secret.txt',
  'app://desk/./index.html',
  'app://desk//etc/passwd',
  'app://desk/%2fetc%2fpasswd',
  'app://desk/C:/Windows/win.ini',
  'app://desk/c%3a%5cWindows%5cwin.ini',
  'app://desk/index.html%00.js',
  'app://desk/index.html\u0000.js',
  'app://desk/%0a',
  'app://desk/../renderer-evil.txt',
  'app://other/index.html',
  'app://desk.evil/index.html',
  'file:///etc/passwd',
  'https://desk/index.html',
];

describe('resolveAppPath', () => {
  it('maps app:// paths inside the root', () => {
    expect(resolveAppPath(root, 'app://desk/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://desk/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://desk/assets/app-1.js?v=2#x')).toBe(join(root, 'assets', 'app-1.js'));
    expect(resolveAppPath(root, 'app://desk/assets/a%20b.js')).toBe(join(root, 'assets', 'a b.js'));
  });

  it.each(TRAVERSALS)('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeUndefined();
  });

  it('never resolves outside the root, whatever the path (property)', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E.', '..%2f', '%5c', '\\', '', 'assets', 'index.html', '%00', '%252e', 'C:', '~'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const file = resolveAppPath(root, `app://desk/${segments.join('/')}`);
        return file === undefined || file.startsWith(root + sep);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('app:// handler', () => {
  const handler = () => createAppProtocolHandler(root);

  it('serves the entry page with a strict CSP', async () => {
    const res = await handler()({ method: 'GET', url: 'app://desk/index.html' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('e-Invoice Desk');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(APP_CSP);
    expect(csp).toMatch(/^default-src 'self';/);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // No CORS grant: other origins can never read app:// content.
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves assets with their type, routes to the shell, 404s missing files', async () => {
    const js = await handler()({ method: 'GET', url: 'app://desk/assets/app-1.js' });
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    const route = await handler()({ method: 'GET', url: 'app://desk/invoices/42' });
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>e-Invoice Desk</title>');
    expect((await handler()({ method: 'GET', url: 'app://desk/assets/missing.js' })).status).toBe(404);
    const head = await handler()({ method: 'HEAD', url: 'app://desk/index.html' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'CONNECT'])('refuses %s', async (method) => {
    const res = await handler()({ method, url: 'app://desk/index.html' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  it.each(TRAVERSALS)('answers 404 without content for %s', async (url) => {
    const res = await handler()({ method: 'GET', url });
    expect(res.status).toBe(404);
    const body = await res.text();
    expect(body).not.toContain('SECRET');
    expect(body).not.toContain('SIBLING');
  });

  it('registers a privileged standard scheme and installs the handler', async () => {
    registerAppScheme();
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: false } },
    ]);
    installAppProtocol(root);
    const [scheme, installed] = fake.protocol.handle.mock.calls[0] as [string, (r: { method: string; url: string }) => Promise<Response>];
    expect(scheme).toBe('app');
    expect((await installed({ method: 'GET', url: 'app://desk/../secret.txt' })).status).toBe(404);
    expect((await installed({ method: 'GET', url: 'app://desk/index.html' })).status).toBe(200);
  });
});
