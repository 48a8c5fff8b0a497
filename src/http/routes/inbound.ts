import express, { Router } from 'express';
import type { RequestHandler } from 'express';
import type { InboundRoute } from '../../adapter/contract';
import { LtError } from '../../errors';
import { getContext } from '../context';
import { authenticate, requireRole } from '../middleware/auth';
import type { GatewayDeps } from '../deps';

/** An adapter's pushed route, as mounted at `/inbound/<system><path>`. */
export interface MountedInbound {
  system: string;
  route: InboundRoute;
}

/**
 * Partners pushing to the gateway (iGate dossiers, national submissions). Each route needs the operator
 * role: a push changes dossiers everywhere. The body is parsed by the same guarded JSON parser as the API,
 * and the raw bytes travel on as evidence.
 */
export function inboundRoutes(
  routes: MountedInbound[],
  auth: GatewayDeps['auth'],
  jsonBody: RequestHandler[],
): Router {
  const router = Router();
  router.use(authenticate(auth));
  for (const { system, route } of routes) {
    if (route.body === 'raw') {
      // Bytes a parser must not touch before the adapter's edge has verified them (a signed XML package).
      const raw = express.raw({ type: () => true, limit: route.limit ?? '64mb' });
      router.post(`/${system}${route.path}`, requireRole('operator'), raw, async (req, res) => {
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const answer = await route.handle({
          body,
          raw: body,
          contentType: String(req.headers['content-type'] ?? 'application/octet-stream'),
        });
        res.status(answer.status).json(answer.body);
      });
      continue;
    }
    router.post(`/${system}${route.path}`, requireRole('operator'), ...jsonBody, async (req, res) => {
      if (req.body === undefined) {
        throw new LtError('LT_HTTP_INVALID_BODY', 'validation', 'the body must be JSON');
      }
      const answer = await route.handle({
        body: req.body as unknown,
        raw: getContext(res).rawBody ?? Buffer.alloc(0),
        contentType: String(req.headers['content-type'] ?? 'application/json'),
      });
      res.status(answer.status).json(answer.body);
    });
  }
  return router;
}
