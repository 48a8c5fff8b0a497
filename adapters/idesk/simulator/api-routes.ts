import express from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { LtError } from '../../../src/errors';
import { sdkFileHash, verifySignedRequest } from '../signing';
import type { VerifiedVxpRequest } from '../signing';
import { VXP_ACK_STATUSES, VXP_MESSAGE_TYPES, VXP_SERVICE_TYPE } from '../wire';
import type { VxpAckStatus, VxpMessageType } from '../wire';
import { intake, VxpBusinessError } from './intake';
import { parseToParameter } from './routing';
import type { VxpSimulatorState } from './state';

export interface ApiContext {
  state: VxpSimulatorState;
  now(): number;
  /** When set, signed timestamps further than this from now are refused (the real SDK would fail it). */
  timestampToleranceMs?: number;
  /** Latency, outages and injected failures, before anything else. */
  gate: RequestHandler;
  bodyLimit: string;
}

function ok(res: Response, extra: Record<string, unknown> = {}): void {
  res.status(200).json({ status: 'OK', ErrorCode: '0', ErrorDesc: '', ...extra });
}

/** The axis' error shape; auth refusals use HTTP 401 with ErrorCode "401" (inference, see README of the sim). */
function refuse(res: Response, httpStatus: number, errorCode: string, desc: string): void {
  res.status(httpStatus).json({ status: 'FAIL', ErrorCode: errorCode, ErrorDesc: desc });
}

const caller = (res: Response): VerifiedVxpRequest => res.locals.caller as VerifiedVxpRequest;

/** A signed parameter; `docId` and `docid` both occur in SDK callers' code, so names are looked up both ways. */
function param(res: Response, name: string): string | undefined {
  const { params } = caller(res);
  return params.get(name) ?? [...params].find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}

function required(res: Response, name: string): string {
  const value = param(res, name);
  if (!value) throw new VxpBusinessError('400', `Thiếu tham số ${name} (missing parameter)`);
  return value;
}

function oneOf<T extends string>(res: Response, name: string, allowed: readonly T[]): T {
  const value = required(res, name);
  if (!allowed.includes(value as T))
    throw new VxpBusinessError('400', `${name} không hợp lệ (must be one of ${allowed.join(', ')})`);
  return value as T;
}

/**
 * The six calls of the axis, each `POST /<call>` with its parameters only in signed `XroadVnpt-*` headers.
 * Every request is checked with `verifySignedRequest` first.
 */
export function apiRoutes(ctx: ApiContext): express.Router {
  const { state } = ctx;
  const router = express.Router();
  const authenticate: RequestHandler = (req, res, next) => {
    try {
      res.locals.caller = verifySignedRequest(req.headers, state.secretsFor, {
        now: ctx.now,
        toleranceMs: ctx.timestampToleranceMs,
      });
      next();
    } catch (err) {
      if (!(err instanceof LtError)) return next(err);
      refuse(res, 401, '401', `${err.code}: ${err.detail}`);
    }
  };
  const call = (name: string, handler: (req: Request, res: Response) => void): void => {
    router.post(
      `/${name}`,
      ctx.gate,
      express.raw({ type: () => true, limit: ctx.bodyLimit }),
      authenticate,
      handler,
    );
  };

  call('sendEdoc', (req, res) => {
    const systemId = caller(res).systemId;
    if (required(res, 'servicetype') !== VXP_SERVICE_TYPE)
      throw new VxpBusinessError('400', 'servicetype phải là eDoc');
    const messagetype = oneOf<VxpMessageType>(res, 'messagetype', VXP_MESSAGE_TYPES);
    const from = required(res, 'from');
    if (!state.ownsAgency(systemId, from))
      throw new VxpBusinessError('403', `Đơn vị ${from} không thuộc hệ thống ${systemId} (not your agency)`);
    const file = uploadedFile(
      Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      required(res, 'hash-file'),
    );
    const toText = param(res, 'to');
    const to = toText === undefined ? undefined : parseToParameter(toText);
    if (toText !== undefined && !to) throw new VxpBusinessError('400', 'to phải là [{"code":"…"}]');
    const pkg = intake(state, { bytes: file, from, to, messagetype, senderSystem: systemId });
    ok(res, { DocId: pkg.docId });
  });

  call('getReceivedEdocList', (_req, res) => {
    if (required(res, 'servicetype') !== VXP_SERVICE_TYPE)
      throw new VxpBusinessError('400', 'servicetype phải là eDoc');
    const messagetype = oneOf<VxpMessageType>(res, 'messagetype', VXP_MESSAGE_TYPES);
    ok(res, { data: state.waitingFor(caller(res).systemId, messagetype) });
  });

  call('getEdoc', (_req, res) => {
    const found = state.deliveryFor(caller(res).systemId, required(res, 'docId'));
    if (!found)
      throw new VxpBusinessError('404', 'Không tìm thấy văn bản (no such document for your agencies)');
    ok(res, { data: found.pkg.bytes.toString('base64') });
  });

  call('updateStatus', (_req, res) => {
    const status = oneOf<VxpAckStatus>(res, 'status', VXP_ACK_STATUSES);
    const systemId = caller(res).systemId;
    const found = state.deliveryFor(systemId, required(res, 'docId'));
    if (!found)
      throw new VxpBusinessError('404', 'Không tìm thấy văn bản (no such document for your agencies)');
    state.acknowledge(systemId, found.delivery, status);
    ok(res);
  });

  call('getAgenciesList', (_req, res) => {
    ok(res, { data: state.agencies.map(({ code102: _omit, ...a }) => a) });
  });

  call('getAgenciesListQD20', (_req, res) => {
    ok(res, { data: state.agencies.map((a) => ({ ...a, code102: a.code102 ?? a.code })) });
  });

  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (err instanceof VxpBusinessError && !res.headersSent)
      return refuse(res, 200, err.errorCode, err.message);
    next(err);
  });
  return router;
}

/**
 * The uploaded file: the body minus the CRLF the SDK appends, which must hash to the signed `hash-file`
 * (the whole body is accepted too, for a client that does not append the CRLF).
 */
function uploadedFile(body: Buffer, hashFile: string): Buffer {
  const trimmed = body.subarray(-2).toString('latin1') === '\r\n' ? body.subarray(0, -2) : undefined;
  for (const candidate of [trimmed, body])
    if (candidate && sdkFileHash(candidate) === hashFile) return candidate;
  throw new VxpBusinessError('400', 'hash-file không khớp với tệp (the file does not match hash-file)');
}
