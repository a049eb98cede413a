import { describe, expect, it } from 'vitest';
import { Limiter, mapPool } from '../../electron/app/engine/limiter';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('per-GSTIN limiter and pool', () => {
  it('never runs more than the limit at once, and runs everything', async () => {
    const limiter = new Limiter(3);
    let active = 0;
    let peak = 0;
    const done: number[] = [];
    await Promise.all(Array.from({ length: 20 }, (_, i) => limiter.run(async () => {
      active += 1;
      peak = Math.max(peak, active);
      await tick();
      active -= 1;
      done.push(i);
    })));
    expect(peak).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('releases its slot when a task throws', async () => {
    const limiter = new Limiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run(() => Promise.resolve(7))).toBe(7);
  });

  it('mapPool keeps the input order and its concurrency', async () => {
    let active = 0;
    let peak = 0;
    const out = await mapPool([5, 1, 4, 2, 3], 2, async (n) => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, n));
      active -= 1;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});
