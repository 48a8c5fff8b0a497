import net from 'node:net';

/**
 * What answered a PING: a usable Redis, one that wants a password, one still loading its data after a start,
 * or nothing (refused, timeout, not Redis).
 */
export type ProbeResult = 'pong' | 'auth' | 'loading' | 'none';

/**
 * Sends one inline `PING` over a plain socket, with a short timeout and no retries: cheaper and quieter than
 * a client whose reconnect logic would log or retry on a port where nothing listens.
 */
export function probeRedis(host: string, port: number, timeoutMs = 300): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let reply = '';
    const done = (result: ProbeResult) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done('none'));
    socket.on('error', () => done('none'));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (!reply.includes('\r\n')) return;
      if (reply.startsWith('+PONG')) done('pong');
      else if (/^-(NOAUTH|WRONGPASS)/.test(reply)) done('auth');
      else if (reply.startsWith('-LOADING')) done('loading');
      else done('none');
    });
    socket.on('end', () => done('none'));
  });
}

/** A TCP port on `host` that nothing listens on: `preferred` if it is free, else one the OS picks. */
export async function freePort(host: string, preferred?: number): Promise<number> {
  if (preferred !== undefined) {
    const port = await listenOnce(host, preferred).catch(() => undefined);
    if (port !== undefined) return port;
  }
  return listenOnce(host, 0);
}

function listenOnce(host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      const address = server.address();
      const chosen = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(chosen));
    });
  });
}
