/**
 * Saved import mappings (migration 010). Built on demand from the connection (`new
 * ImportMappingsRepo(ledger.db, clock)`) rather than held by openLedger(), so the import stays
 * additive to the ledger's shape. The mapping itself is opaque JSON here; shared/import owns it.
 */
import type { Database, Statement } from 'better-sqlite3';
import { badInput } from './errors';
import { isoNow, type Clock } from './support';

export interface SavedMapping {
  id: number;
  name: string;
  layoutKey: string;
  mapping: unknown;
  createdAt: string;
  updatedAt: string;
  usedAt?: string;
}

interface Row {
  id: number;
  name: string;
  layout_key: string;
  mapping_json: string;
  created_at: string;
  updated_at: string;
  used_at: string | null;
}

const toSaved = (r: Row): SavedMapping => ({
  id: r.id,
  name: r.name,
  layoutKey: r.layout_key,
  mapping: JSON.parse(r.mapping_json) as unknown,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  ...(r.used_at ? { usedAt: r.used_at } : {}),
});

export class ImportMappingsRepo {
  private readonly upsert: Statement;
  private readonly byName: Statement<{ name: string }, Row>;
  private readonly byLayout: Statement<{ layoutKey: string }, Row>;
  private readonly all: Statement<[], Row>;
  private readonly touch: Statement<{ id: number; now: string }>;

  constructor(
    db: Database,
    private readonly clock: Clock,
  ) {
    this.upsert = db.prepare(
      `INSERT INTO import_mappings (name, layout_key, mapping_json, created_at, updated_at, used_at) VALUES (:name, :layoutKey, :mapping, :now, :now, :now)
       ON CONFLICT (name) DO UPDATE SET layout_key = excluded.layout_key, mapping_json = excluded.mapping_json, updated_at = excluded.updated_at, used_at = excluded.used_at`,
    );
    this.byName = db.prepare('SELECT * FROM import_mappings WHERE name = :name');
    // the mapping used last for a layout is the one the next file of that layout gets
    this.byLayout = db.prepare('SELECT * FROM import_mappings WHERE layout_key = :layoutKey ORDER BY coalesce(used_at, updated_at) DESC, id DESC LIMIT 1');
    this.all = db.prepare('SELECT * FROM import_mappings ORDER BY name COLLATE NOCASE');
    this.touch = db.prepare('UPDATE import_mappings SET used_at = :now WHERE id = :id');
  }

  /** Creates or replaces the mapping of this name. */
  save(name: string, layoutKey: string, mapping: unknown): SavedMapping {
    const trimmed = name.trim();
    if (trimmed.length < 1 || trimmed.length > 100) throw badInput('name', 'must be 1 to 100 characters');
    this.upsert.run({ name: trimmed, layoutKey, mapping: JSON.stringify(mapping), now: isoNow(this.clock) });
    return this.get(trimmed)!;
  }

  get(name: string): SavedMapping | undefined {
    const r = this.byName.get({ name: name.trim() });
    return r && toSaved(r);
  }

  forLayout(layoutKey: string): SavedMapping | undefined {
    const r = this.byLayout.get({ layoutKey });
    return r && toSaved(r);
  }

  list(): SavedMapping[] {
    return this.all.all().map(toSaved);
  }

  markUsed(id: number): void {
    this.touch.run({ id, now: isoNow(this.clock) });
  }
}
