import express from 'express';
import { Router } from 'express';
import type { GatewayDeps } from './deps';
import { accessLog } from './middleware/access-log';
import { authenticate } from './middleware/auth';
import { jsonBody } from './middleware/body';
import { errorHandler, notFound } from './middleware/errors';
import { requestId } from './middleware/request-id';
import { securityHeaders } from './middleware/security-headers';
import { buildOpenApi } from './openapi';
import { deadLetterRoutes } from './routes/dead-letters';
import { docsRoutes } from './routes/docs';
import { dossierRoutes } from './routes/dossiers';
import { healthRoutes } from './routes/health';
import { inboundRoutes } from './routes/inbound';
import { reportRoutes } from './routes/reports';
import { metricsRoutes } from './routes/metrics';

export interface AppOptions {
  /** Per-check readiness timeout. @defaultValue 2000 */
  readyTimeoutMs?: number;
}

function apiRoutes(deps: GatewayDeps): Router {
  const body = jsonBody(deps.http.bodyLimit);
  const api = Router();
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(authenticate(deps.auth));
  api.use(dossierRoutes(deps.dossiers, body));
  api.use(deadLetterRoutes(deps.deadLetters, body));
  if (deps.reports) api.use(reportRoutes(deps.reports));
  return api;
}

/**
 * The HTTP edge: translates HTTP to service calls and LtErrors to `{ code, detail }` answers. Public:
 * `/`, health, metrics, OpenAPI and docs, and the sandbox simulators; `/api/v1` needs an API key.
 */
export function createApp(deps: GatewayDeps, options: AppOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('trust proxy', false);

  app.use(requestId(deps.logger));
  app.use(accessLog());
  app.use(securityHeaders());

  app.get('/', (_req, res) => {
    res.json({
      name: 'lienthong',
      version: deps.version,
      docs: '/docs',
      openapi: '/openapi.json',
      ready: '/health/ready',
    });
  });
  app.use(healthRoutes(deps.health, { timeoutMs: options.readyTimeoutMs }));
  app.use(metricsRoutes(deps.metrics));
  app.use(docsRoutes(buildOpenApi({ version: deps.version })));
  for (const { path, router } of deps.sandboxRouters ?? []) {
    app.use(`/sandbox${path.startsWith('/') ? path : `/${path}`}`, router);
  }
  app.use('/api/v1', apiRoutes(deps));
  if (deps.inbound && deps.inbound.length > 0) {
    app.use('/inbound', inboundRoutes(deps.inbound, deps.auth, jsonBody(deps.http.bodyLimit)));
  }

  app.use(notFound());
  app.use(errorHandler(deps.http.bodyLimit));
  return app;
}
