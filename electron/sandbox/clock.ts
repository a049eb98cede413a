/**
 * The simulator's clock: an injectable base clock plus an offset set through /sandbox/clock, kept in
 * the store so a restart keeps the practice date (tests move it to rehearse 24 h, token expiry and
 * retrieval-window rules).
 */
import type { PracticeStore } from './store';

export class PracticeClock {
  private offsetMs: number;

  constructor(private readonly base: () => Date, private readonly store: PracticeStore) {
    this.offsetMs = Number(store.setting('clock_offset_ms') ?? '0') || 0;
  }

  now(): Date {
    return new Date(this.base().getTime() + this.offsetMs);
  }

  set(target: Date): Date {
    this.offsetMs = target.getTime() - this.base().getTime();
    this.store.setSetting('clock_offset_ms', String(this.offsetMs));
    return this.now();
  }

  advanceMinutes(minutes: number): Date {
    this.offsetMs += minutes * 60_000;
    this.store.setSetting('clock_offset_ms', String(this.offsetMs));
    return this.now();
  }
}
