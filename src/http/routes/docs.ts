import { createHash } from 'node:crypto';
import { Router } from 'express';
import { STYLE } from '../docs/html';
import { renderDocs } from '../docs/render';
import type { OpenApiObject } from '../openapi';

/** Serves the OpenAPI document and the HTML page made from it; both are built once, at start. */
export function docsRoutes(doc: OpenApiObject): Router {
  const router = Router();
  const documentJson = JSON.stringify(doc);
  const page = renderDocs(doc);
  // The page's only active content is its inline stylesheet, allowed by hash rather than 'unsafe-inline'.
  const styleHash = createHash('sha256').update(STYLE).digest('base64');
  const policy = `default-src 'none'; style-src 'sha256-${styleHash}'; frame-ancestors 'none'`;

  router.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(documentJson);
  });
  router.get('/docs', (_req, res) => {
    res.setHeader('Content-Security-Policy', policy);
    res.type('html').send(page);
  });
  return router;
}
