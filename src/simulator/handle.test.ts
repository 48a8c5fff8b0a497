import express from 'express';
import { FaultState } from './faults';
import { simulatorHandle } from './handle';
import { Holds } from './hold';
import { listen } from './listen';

describe('simulatorHandle', () => {
  const parse = (input: unknown) => input as { latencyMs?: number; seed?: number };

  it('hands out the fault set, the store and a close that releases held requests', async () => {
    const holds = new Holds();
    const state = { count: 0 };
    const faults = new FaultState(parse, { seed: 4 });
    const router = express.Router();
    const { setFaults, faults: current, close, app } = simulatorHandle({ router, state, faults, holds });
    // Detached from the handle on purpose: control routes receive the functions alone.
    expect(setFaults({ latencyMs: 5 })).toEqual({ latencyMs: 5, seed: 4 });
    expect(current()).toEqual({ latencyMs: 5, seed: 4 });
    const held = holds.wait(60_000, { destroyed: false });
    close();
    await expect(held).resolves.toBe(true);

    router.get('/late', (_req, res) => {
      res.json({ added: 'after the handle' });
    });
    const server = await listen(app, 0, '127.0.0.1');
    try {
      expect(await (await fetch(`${server.url}/late`)).json()).toEqual({ added: 'after the handle' });
    } finally {
      await server.close();
    }
  });
});
