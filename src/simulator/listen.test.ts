import express from 'express';
import { listen, simulatorApp } from './listen';

describe('simulatorApp and listen', () => {
  it('mounts routers under their paths on a free port, without x-powered-by', async () => {
    const router = express.Router();
    router.get('/ping', (_req, res) => {
      res.json({ pong: true });
    });
    const server = await listen(simulatorApp({ '/a': router }), 0, '127.0.0.1');
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      expect(server.port).toBeGreaterThan(0);
      const res = await fetch(`${server.url}/a/ping`);
      expect(await res.json()).toEqual({ pong: true });
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect((await fetch(`${server.url}/ping`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('closes at once, dropping a request still in flight', async () => {
    let arrived!: () => void;
    const inFlight = new Promise<void>((resolve) => (arrived = resolve));
    const router = express.Router();
    router.get('/', () => arrived()); // never answers
    const server = await listen(simulatorApp(router), 0, '127.0.0.1');
    const request = fetch(server.url).then(
      () => 'answered',
      () => 'dropped',
    );
    await inFlight;
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await request).toBe('dropped');
  });
});
