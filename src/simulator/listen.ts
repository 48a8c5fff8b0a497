import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Express, Router } from 'express';

/** An app with nothing but the simulators' routers: one at `/`, or each under its path. */
export function simulatorApp(routers: Router | Record<string, Router>): Express {
  const app = express();
  app.disable('x-powered-by');
  if (typeof routers === 'function') app.use(routers);
  else for (const [path, router] of Object.entries(routers)) app.use(path, router);
  return app;
}

/** A server a simulator listens on. */
export interface Listening {
  /** Base URL, e.g. `http://127.0.0.1:9090` (an IPv6 host in brackets). */
  url: string;
  /** The port bound, the free one picked when asked for 0. */
  port: number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Listens on `port` (0 picks a free one) and `host`; resolves once the port is bound. */
export async function listen(app: Express, port: number, host: string): Promise<Listening> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const actual = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Clients keep connections alive; close() alone would wait for them to idle out.
        server.closeAllConnections();
      }),
  };
}
