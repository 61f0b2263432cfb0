import { afterEach, describe, expect, it, vi } from 'vitest';
import { PullRuns } from './pull-runs';

function deferred(): { promise: Promise<boolean>; resolve: (done: boolean) => void } {
  let resolve: (done: boolean) => void = () => {};
  const promise = new Promise<boolean>((r) => (resolve = r));
  return { promise, resolve };
}

describe('pull runs', () => {
  afterEach(() => vi.restoreAllMocks());

  it('joins a running pull of the same key and reports the start time of a finished one', async () => {
    const runs = new PullRuns('tickets');
    const first = deferred();
    const pull = vi.fn(() => first.promise);
    const pulled = vi.fn();
    vi.spyOn(Date, 'now').mockReturnValue(1_000);
    const a = runs.run('clinic:1', pull, pulled);
    const b = runs.run('clinic:1', pull, pulled);
    expect(b).toBe(a);
    expect(pull).toHaveBeenCalledTimes(1);
    first.resolve(true);
    expect(await a).toBe(true);
    expect(pulled).toHaveBeenCalledWith(1_000);
    // Finished: the next request pulls again.
    expect(await runs.run('clinic:1', () => Promise.resolve(false), pulled)).toBe(false);
    expect(pulled).toHaveBeenCalledTimes(1);
  });

  it('records nothing for a pull that gave up or failed, and answers false', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const runs = new PullRuns('reviews');
    const pulled = vi.fn();
    expect(await runs.run('a', () => Promise.resolve(false), pulled)).toBe(false);
    expect(await runs.run('a', () => Promise.reject(new Error('no db')), pulled)).toBe(false);
    expect(pulled).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith('Pulling reviews failed', expect.any(Error));
  });
});
