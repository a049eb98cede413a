/**
 * Settings kept in the ledger, so every host on it (the desktop app, the browser host, every
 * `einvoice` command) reads the same value: `registration.concurrency` (requests at once per
 * seller GSTIN). Values are JSON; unknown keys are refused.
 */
import type { Database, Statement } from 'better-sqlite3';
import { badInput } from './errors';
import { isoNow, type Clock } from './support';

export const SETTING_KEYS = ['registration.concurrency'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export class SettingsRepo {
  private readonly getStmt: Statement<{ key: string }, { value_json: string }>;
  private readonly setStmt: Statement;
  private readonly delStmt: Statement;

  constructor(
    db: Database,
    private readonly clock: Clock,
  ) {
    this.getStmt = db.prepare('SELECT value_json FROM settings WHERE key = :key');
    this.setStmt = db.prepare(
      'INSERT INTO settings (key, value_json, updated_at) VALUES (:key, :value, :now) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at',
    );
    this.delStmt = db.prepare('DELETE FROM settings WHERE key = :key');
  }

  get(key: SettingKey): unknown {
    const row = this.getStmt.get({ key });
    return row ? (JSON.parse(row.value_json) as unknown) : undefined;
  }

  /** Stores a value; `undefined` removes the setting (back to the built-in default). */
  set(key: SettingKey, value: unknown): void {
    if (!SETTING_KEYS.includes(key)) throw badInput('key', `must be one of ${SETTING_KEYS.join(', ')}`);
    if (value === undefined) this.delStmt.run({ key });
    else this.setStmt.run({ key, value: JSON.stringify(value), now: isoNow(this.clock) });
  }

  /** Requests at once per seller GSTIN, when set (1-64). */
  concurrency(): number | undefined {
    const v = this.get('registration.concurrency');
    return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 64 ? v : undefined;
  }

  setConcurrency(n: number | undefined): void {
    if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > 64)) throw badInput('concurrency', 'must be a whole number from 1 to 64');
    this.set('registration.concurrency', n);
  }
}
