/**
 * An app core whose seller registers through a practice GSP front door (electron/sandbox/gsp) with
 * that GSP's published credentials in the (memory) vault, bound to the profile's endpoint.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAppCore } from '../../electron/app/app-core';
import { writeBound } from '../../electron/app/credential-binding';
import { saveProfile } from '../../electron/app/profiles';
import { PRESETS, type PresetId } from '../../electron/irp/gsp/presets';
import { GSP_CODES, gspUserName } from '../../electron/sandbox/accounts';
import { PUBLISHED } from '../../electron/sandbox/gsp/published';
import { MemorySecretStore, type SecretStore } from '../../electron/vault';
import { SELLER_GSTIN, type Practice, type TestApp } from './practice';

export const SELLER_USER = 'practice_ka';
export const SELLER_PASSWORD = 'Practice@229';

/** The API user made "through" a preset for the Karnataka practice seller ('' where the GSP holds it). */
export function gspUser(preset: PresetId): string {
  return PRESETS[preset].credentials.user ? gspUserName(GSP_CODES[preset], SELLER_USER) : '';
}

export interface GspAppOptions {
  vault?: SecretStore;
  userName?: string;
  password?: string;
  clientSecret?: string;
  /** Base URL instead of the practice IRP's front door for the preset. */
  baseUrl?: string;
}

export async function openGspApp(practice: Practice, preset: PresetId, o: GspAppOptions = {}): Promise<TestApp & { vault: SecretStore; profileName: string }> {
  const dir = mkdtempSync(join(tmpdir(), `einvoice-gsp-${preset}-`));
  const vault = o.vault ?? new MemorySecretStore();
  const app = await openAppCore({ dataDir: dir, env: {}, vault });
  const published = PUBLISHED[preset];
  const name = `gsp-${preset}`;
  const profile = saveProfile(app.ledger, {
    name, kind: 'gsp', baseUrl: o.baseUrl ?? `${practice.irp.url}/gsp/${preset}`, gstin: SELLER_GSTIN,
    clientId: published.clientId, userName: o.userName ?? gspUser(preset), gsp: { preset, fields: published.fields },
  });
  const config = PRESETS[preset];
  if (config.credentials.clientSecret) await writeBound(vault, profile, 'client-secret', o.clientSecret ?? published.clientSecret);
  if (config.credentials.password) await writeBound(vault, profile, 'password', o.password ?? practice.account(SELLER_GSTIN).password);
  const business = app.ledger.businesses.create({
    gstin: SELLER_GSTIN, legalName: 'Sharma Traders Private Limited', address1: '12 MG Road', location: 'Bengaluru', pin: 560001, stateCode: '29', profileName: name, aatoCrore: 20,
  });
  let offset = 0;
  return { app, dir, businessId: business.id, advance: (ms) => (offset += ms), vault, profileName: name };
}
