/**
 * Bad input never crashes the practice IRP: random JSON (fast-check) encrypted into generate,
 * cancel and e-way-bill requests, random auth bodies and random admin bodies all get a specific
 * NIC-shaped error (HTTP 200, Status 0, coded ErrorDetails) or a 400 from the admin API.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type NicTestClient } from '../support/nic-test-client';

let h: Harness;
let c: NicTestClient;
beforeAll(async () => {
  h = await startHarness();
  c = await h.client('27AADCP1234M1ZD');
});
afterAll(async () => h.close());

function expectNicError(r: { httpStatus: number; env?: { Status: number; ErrorDetails: Array<{ ErrorCode: string; ErrorMessage: string }> | null } }): void {
  expect(r.httpStatus).toBe(200);
  expect(r.env?.Status).toBe(0);
  expect(r.env?.ErrorDetails?.length).toBeGreaterThan(0);
  for (const e of r.env?.ErrorDetails ?? []) {
    expect(e.ErrorCode).toMatch(/^\d{4}$/);
    expect(e.ErrorMessage.length).toBeGreaterThan(5);
  }
}

describe('random payloads', () => {
  it('generate, cancel and e-way bill answer every random JSON document with coded errors', async () => {
    await fc.assert(
      fc.asyncProperty(fc.json({ maxDepth: 4 }), fc.constantFrom('/eicore/v1.03/Invoice', '/eicore/v1.03/Invoice/Cancel', '/eiewb/v1.03/ewaybill'), async (json, path) => {
        expectNicError(await c.post(path, json));
      }),
      { numRuns: 60 },
    );
  });

  it('invoice-shaped junk (right sections, wrong types) still gets coded errors', async () => {
    const section = fc.oneof(fc.constant(null), fc.string(), fc.integer(), fc.array(fc.anything(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), fc.anything(), { maxKeys: 4 }));
    await fc.assert(
      fc.asyncProperty(fc.record({ Version: section, TranDtls: section, DocDtls: section, SellerDtls: section, BuyerDtls: section, ItemList: section, ValDtls: section, EwbDtls: section }), async (inv) => {
        expectNicError(await c.generate(inv));
      }),
      { numRuns: 40 },
    );
  });

  it('auth answers random bodies with 5003/1013, and the admin API answers junk with 400', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (body) => {
        const r = await c.send('POST', '/eivital/v1.04/auth', c.clientHeaders(), body);
        expectNicError(r);
        expect(['5003', '1013']).toContain(r.env?.ErrorDetails?.[0]?.ErrorCode);
        const a = await fetch(`${h.url}/sandbox/faults`, { method: 'POST', body: `[${body}` });
        expect(a.status).toBe(400);
      }),
      { numRuns: 30 },
    );
  });
});
