import express from 'express';
import { simulatorApp } from './listen';
import { startSimulatorServer } from './start';

/** A simulator of one route that answers with the options it was built from. */
function createEcho(options: { greeting?: string }) {
  const router = express.Router();
  router.get('/', (_req, res) => {
    res.json(options);
  });
  return { app: simulatorApp(router), close: jest.fn() };
}

describe('startSimulatorServer', () => {
  it('builds the simulator from the options less port and host, and serves it on loopback', async () => {
    const running = await startSimulatorServer(createEcho, { greeting: 'xin chào', port: 0 });
    try {
      expect(running.url).toBe(`http://127.0.0.1:${running.port}`);
      expect(await (await fetch(running.url)).json()).toEqual({ greeting: 'xin chào' });
    } finally {
      await running.close();
    }
  });

  it('close() releases the simulator, then stops the server (also when spread into another shape)', async () => {
    const { simulator, ...rest } = await startSimulatorServer(createEcho, { host: '127.0.0.1' });
    await rest.close();
    expect(simulator.close).toHaveBeenCalledTimes(1);
    await expect(fetch(rest.url)).rejects.toThrow();
  });
});
