import express from 'express';
import type { Request, RequestHandler } from 'express';
import { getContext } from '../context';
import { unsupportedMediaType } from '../http-errors';
import { assertSafeJson } from '../json-guard';

const JSON_TYPES = ['application/json', 'application/*+json'];

function hasBody(req: Request): boolean {
  const length = req.get('content-length');
  return req.get('transfer-encoding') !== undefined || (length !== undefined && length !== '0');
}

/** A body in any other media type is refused rather than silently ignored. */
function requireJsonType(): RequestHandler {
  return (req, _res, next) => {
    if (hasBody(req) && !req.is(JSON_TYPES)) {
      throw unsupportedMediaType(
        `request body must be application/json, not ${req.get('content-type') ?? 'untyped'}`,
        { accepted: JSON_TYPES },
      );
    }
    next();
  };
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function isBlank(raw: Buffer | undefined): boolean {
  return raw === undefined || raw.length === 0 || raw.equals(BOM);
}

function refuseHostileJson(): RequestHandler {
  return (req, res, next) => {
    // body-parser turns an empty body (or a lone BOM) into {}; it must stay absent so routes can refuse it.
    if (isBlank(getContext(res).rawBody)) req.body = undefined;
    assertSafeJson(req.body);
    next();
  };
}

/**
 * The JSON body pipeline for routes that take one: media type check, size-limited parse that keeps the
 * raw bytes (the idempotency hash is over exactly what the client sent), then the prototype-pollution and
 * depth check. Parse errors are left to the error middleware, which maps them to stable codes.
 */
export function jsonBody(limit: string): RequestHandler[] {
  const parse = express.json({
    limit,
    type: JSON_TYPES,
    verify: (_req, res, buf) => {
      getContext(res as unknown as express.Response).rawBody = buf;
    },
  });
  return [requireJsonType(), parse, refuseHostileJson()];
}
