/** Test connection and the GSP presets for the guided "How do you connect to the IRP?" settings. */
import { OPERATIONS } from '../../irp/gsp/config';
import { NOT_A_PRESET, PRESET_IDS, PRESETS } from '../../irp/gsp/presets';
import { testConnection } from '../connection-test';
import { AppError, type HandlerTable } from './table';

type ConnectionHandlers = Pick<HandlerTable, 'profiles:test' | 'gsp:presets'>;

export const connectionHandlers: ConnectionHandlers = {
  'profiles:test': async ({ name }, { core }) => {
    const profile = core.ledger.profiles.get(name);
    if (!profile) throw new AppError('LEDGER_NOT_FOUND', `No endpoint profile named "${name}".`);
    const result = await testConnection(core, profile);
    core.ledger.journal.append({ kind: 'profile.tested', outcome: result.ok ? 'ok' : 'error', details: { profile: name, ...(result.code ? { code: result.code } : {}) } });
    return result;
  },

  'gsp:presets': () => ({
    presets: PRESET_IDS.map((id) => {
      const c = PRESETS[id];
      return {
        id, name: c.name, ...(c.portalName ? { portalName: c.portalName } : {}), crypto: c.crypto,
        environments: { ...(c.environments.sandbox ? { sandbox: c.environments.sandbox.baseUrl } : {}), ...(c.environments.production ? { production: c.environments.production.baseUrl } : {}) },
        credentials: c.credentials,
        fields: c.fields.map((f) => ({ key: f.key, label: f.label, secret: f.secret, required: f.required, ...(f.note ? { note: f.note } : {}), ...(f.default ? { default: f.default } : {}) })),
        operations: [...OPERATIONS.filter((o) => c.operations[o]), ...(!c.operations.getByDocDetails && c.operations.getByIrn ? ['getByDocDetails'] : [])],
        notes: c.notes,
      };
    }),
    notPresets: Object.entries(NOT_A_PRESET).map(([id, why]) => ({ id, why })),
  }),
};
