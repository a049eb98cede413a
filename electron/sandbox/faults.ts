/**
 * Injected faults for rehearsing failures (POST/DELETE /sandbox/faults): latency, dropping the
 * connection after a registration is committed, HTTP 5xx with a non-JSON body, and "IRP down"
 * (503 gateway page). Random choices come from a seeded generator so a test can replay them.
 */

/** A GSP front door's own trouble (sandbox/gsp): each door answers it in its GSP's style. */
export const GSP_FAULTS = ['down', 'quota', 'subscription', 'rate-limit'] as const;
export type GspFault = (typeof GSP_FAULTS)[number];

export interface FaultSettings {
  latencyMs: number;
  dropAfterCommitRate: number;
  http5xxRate: number;
  down: boolean;
  seed: number;
  /** The GSP front doors fail this way (null: they work). */
  gsp: GspFault | null;
  /** The GSP front doors alter the signed QR they pass on (a GSP is never trusted to have signed anything). */
  tamperSignedQr: boolean;
}

export const NO_FAULTS: FaultSettings = { latencyMs: 0, dropAfterCommitRate: 0, http5xxRate: 0, down: false, seed: 0, gsp: null, tamperSignedQr: false };

export class FaultsError extends Error {
  override name = 'FaultsError';
}

/** mulberry32: tiny, seedable, good enough to pick which requests fail. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rate(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new FaultsError(`${name} must be a number from 0 to 1`);
  return v;
}

export class Faults {
  settings: FaultSettings = { ...NO_FAULTS };
  private random = rng(1);

  /** Applies a partial update from the admin API; throws FaultsError on a bad value. */
  update(body: Record<string, unknown>): FaultSettings {
    const latency = body.latencyMs;
    if (latency !== undefined && (typeof latency !== 'number' || !Number.isFinite(latency) || latency < 0 || latency > 600_000)) {
      throw new FaultsError('latencyMs must be a number of milliseconds from 0 to 600000');
    }
    if (body.down !== undefined && typeof body.down !== 'boolean') throw new FaultsError('down must be true or false');
    if (body.tamperSignedQr !== undefined && typeof body.tamperSignedQr !== 'boolean') throw new FaultsError('tamperSignedQr must be true or false');
    if (body.gsp !== undefined && body.gsp !== null && !(GSP_FAULTS as readonly unknown[]).includes(body.gsp)) throw new FaultsError(`gsp must be null or one of ${GSP_FAULTS.join(', ')}`);
    const seed = body.seed;
    if (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed))) throw new FaultsError('seed must be an integer');
    const next: FaultSettings = {
      latencyMs: latency ?? this.settings.latencyMs,
      dropAfterCommitRate: rate(body.dropAfterCommitRate, 'dropAfterCommitRate') ?? this.settings.dropAfterCommitRate,
      http5xxRate: rate(body.http5xxRate, 'http5xxRate') ?? this.settings.http5xxRate,
      down: (body.down) ?? this.settings.down,
      seed: seed ?? this.settings.seed,
      gsp: body.gsp === undefined ? this.settings.gsp : (body.gsp as GspFault | null),
      tamperSignedQr: typeof body.tamperSignedQr === 'boolean' ? body.tamperSignedQr : this.settings.tamperSignedQr,
    };
    this.settings = next;
    this.random = rng(next.seed === 0 ? Date.now() : next.seed);
    return next;
  }

  clear(): FaultSettings {
    this.settings = { ...NO_FAULTS };
    return this.settings;
  }

  roll(probability: number): boolean {
    return probability > 0 && this.random() < probability;
  }

  /** 500, 502 or 504 for an injected server error. */
  pick5xx(): number {
    const r = this.random();
    return r < 1 / 3 ? 500 : r < 2 / 3 ? 502 : 504;
  }
}
