import { PollLoop } from './poll-loop';
import type { PollLoopOptions } from './poll-loop';

/** A loop over a given pass; `isStopped` shows what a pass sees. */
class TestLoop extends PollLoop {
  constructor(
    private readonly run: () => Promise<unknown>,
    options: PollLoopOptions,
  ) {
    super(options);
  }
  protected pass(): Promise<unknown> {
    return this.run();
  }
  get isStopped(): boolean {
    return this.stopped;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function rig(pass: () => Promise<unknown>, intervalMs = 5) {
  const warn = jest.fn();
  const loop = new TestLoop(pass, { intervalMs, logger: { warn } as never, name: 'test poll' });
  return { loop, warn };
}

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(2);
  }
}

describe('PollLoop', () => {
  it('runs a pass at once, then again after each pass ends, never two at a time', async () => {
    let active = 0;
    let overlapped = false;
    const ends: number[] = [];
    const starts: number[] = [];
    const { loop } = rig(async () => {
      overlapped ||= active > 0;
      active += 1;
      starts.push(Date.now());
      await sleep(15); // longer than the interval: a timer loop would overlap here
      active -= 1;
      ends.push(Date.now());
    }, 5);
    loop.start();
    await until(() => ends.length >= 3);
    await loop.stop();
    expect(overlapped).toBe(false);
    for (let i = 1; i < starts.length; i++) expect(starts[i] - ends[i - 1]).toBeGreaterThanOrEqual(4);
  });

  it('logs a failed pass with its message and code, and goes on', async () => {
    let calls = 0;
    const { loop, warn } = rig(async () => {
      calls += 1;
      if (calls === 1) throw Object.assign(new Error('axis away'), { code: 'LT_TEST_AWAY' });
      if (calls === 2) throw 'not an Error';
    });
    loop.start();
    await until(() => calls >= 3);
    await loop.stop();
    expect(warn).toHaveBeenCalledWith(
      { err: 'axis away', code: 'LT_TEST_AWAY' },
      'test poll pass failed; retrying at the next interval',
    );
    expect(warn).toHaveBeenCalledWith(
      { err: 'not an Error', code: undefined },
      'test poll pass failed; retrying at the next interval',
    );
  });

  it('stop() waits for the pass under way, then no pass runs', async () => {
    let release!: () => void;
    let calls = 0;
    let finished = false;
    const { loop } = rig(async () => {
      calls += 1;
      await new Promise<void>((resolve) => (release = resolve));
      finished = true;
    }, 1);
    expect(loop.isStopped).toBe(false);
    loop.start();
    await until(() => calls === 1);
    const stopping = loop.stop();
    expect(loop.isStopped).toBe(true);
    let stopped = false;
    void stopping.then(() => (stopped = true));
    await sleep(10);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);
    await sleep(20);
    expect(calls).toBe(1);
  });

  it('stop() before the first pass cancels it; start() again resumes', async () => {
    let calls = 0;
    const { loop } = rig(async () => {
      calls += 1;
    });
    loop.start();
    await loop.stop();
    await sleep(20);
    expect(calls).toBe(0);
    loop.start();
    expect(loop.isStopped).toBe(false);
    await until(() => calls >= 1);
    await loop.stop();
  });

  it('never keeps the process alive: its timers are unref-ed', async () => {
    const timers: Array<{ ms?: number; timer: NodeJS.Timeout }> = [];
    const real = global.setTimeout;
    const spy = jest.spyOn(global, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      const timer = real(fn, ms);
      timers.push({ ms, timer });
      return timer;
    }) as typeof setTimeout);
    // The loop's timers: the first pass (0) and the pause after it (1000); the test's own sleeps are 2 ms.
    const loops = (): NodeJS.Timeout[] =>
      timers.filter((t) => t.ms === 0 || t.ms === 1000).map((t) => t.timer);
    try {
      const { loop } = rig(async () => undefined, 1000);
      loop.start();
      await until(() => loops().length >= 2);
      await loop.stop();
    } finally {
      spy.mockRestore();
    }
    expect(loops().every((t) => !t.hasRef())).toBe(true);
  });
});
