/**
 * What the practice IRP received (GET/DELETE /sandbox/stats): requests by operation, counted as
 * they arrive (before any injected fault answers them), and for generate IRN, per document
 * number, how often it was asked and how it ended. Tests compare these with a client's journal:
 * every request that left the client must be here, and no document generated twice.
 */
export type GenerateEnd = 'registered' | 'duplicate' | 'refused';

export interface StatsSnapshot {
  requests: Record<string, number>;
  generate: { registered: number; duplicate: number; refused: number; byDocNo: Record<string, number> };
}

export class RequestStats {
  private requests = new Map<string, number>();
  private ends = { registered: 0, duplicate: 0, refused: 0 };
  private byDocNo = new Map<string, number>();

  request(operation: string): void {
    this.requests.set(operation, (this.requests.get(operation) ?? 0) + 1);
  }

  /** A generate request that got as far as a readable invoice, and how it ended. */
  generate(docNo: string, end: GenerateEnd): void {
    const key = docNo.toUpperCase();
    this.byDocNo.set(key, (this.byDocNo.get(key) ?? 0) + 1);
    this.ends[end] += 1;
  }

  snapshot(): StatsSnapshot {
    return {
      requests: Object.fromEntries(this.requests),
      generate: { ...this.ends, byDocNo: Object.fromEntries(this.byDocNo) },
    };
  }

  reset(): StatsSnapshot {
    this.requests.clear();
    this.byDocNo.clear();
    this.ends = { registered: 0, duplicate: 0, refused: 0 };
    return this.snapshot();
  }
}
