/**
 * `einvoice profile add --help`: per GSP preset, what --client-id, the client secret, --user, the
 * password and the extra fields carry, so scripts and docs read the same for every GSP.
 */
import { OPERATIONS } from '../../irp/gsp/config';
import { NOT_A_PRESET, PRESET_IDS, PRESETS } from '../../irp/gsp/presets';
import { gspSecretEnv } from '../../app/credentials';

function slot(label: string, s: { means: string; required: boolean } | null): string {
  return `      ${label.padEnd(34)} ${s ? `${s.means}${s.required ? '' : ' (optional)'}` : 'not used'}`;
}

export function presetHelp(): string {
  const lines: string[] = ['', 'GSP presets (--gsp ID); the same four names for every GSP:'];
  for (const id of PRESET_IDS) {
    const c = PRESETS[id];
    const envs = [c.environments.sandbox && `sandbox ${c.environments.sandbox.baseUrl}`, c.environments.production && `production ${c.environments.production.baseUrl}`].filter(Boolean).join('; ');
    lines.push(`  ${id}: ${c.name}${c.portalName ? ` (portal list: ${c.portalName})` : ''}`);
    lines.push(`      ${'endpoints'.padEnd(34)} ${envs || 'none published: give --endpoint'}`);
    lines.push(slot('--client-id', c.credentials.clientId));
    lines.push(slot('client secret (EINVOICE_CLIENT_SECRET)', c.credentials.clientSecret));
    lines.push(slot('--user', c.credentials.user));
    lines.push(slot('password (EINVOICE_PASSWORD)', c.credentials.password));
    for (const f of c.fields) lines.push(`      ${(f.secret ? gspSecretEnv(f.key) : `--field ${f.key}=…`).padEnd(34)} ${f.label}${f.required ? '' : ` (optional${f.default ? `, default ${f.default}` : ''})`}`);
    const missing = OPERATIONS.filter((o) => !c.operations[o] && !(o === 'getByDocDetails' && c.operations.getByIrn));
    if (missing.length) lines.push(`      ${'not offered'.padEnd(34)} ${missing.join(', ')}`);
  }
  for (const [id, why] of Object.entries(NOT_A_PRESET)) lines.push(`  ${id}: no preset. ${why}`);
  lines.push('  custom: --gsp-config FILE.json describes any other GSP (docs/connecting.md).');
  return lines.join('\n');
}
