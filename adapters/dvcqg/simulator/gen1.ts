import express from 'express';
import type { Request, RequestHandler, Response } from 'express';
import { DVCQG_SERVICES, formatDvcqgTime } from '../wire';
import type { DvcqgLookupItem } from '../wire';
import { alreadyExistsRolled, reply } from './context';
import type { SimContext } from './context';
import { appendProgress, syncDossiers } from './operations';

/** Agency identifiers: QĐ 20/2020 allows at most 35 of `.`, `0-9`, `A-Z` (spec §6.1). */
const AGENCY_CODE = /^[0-9A-Z.]{1,35}$/;

/**
 * Generation 1, the OCPS / LGSP style (spec §1.1): `POST /login` for a session token, then every call
 * `POST /service` with an envelope `{ session, madonvi, service, ... }` and the `dstcode` header. Answers
 * are HTTP 200 with the verdict in `error_code` (number 0 on success, strings otherwise), except header
 * refusals, which the bus in front answers 400.
 */
export function gen1Routes(ctx: SimContext): express.Router {
  const { state, config } = ctx;
  const json = express.json({ limit: config.bodyLimit });
  const router = express.Router();

  router.post('/login', ctx.gate, json, (req, res) => {
    const { username, password } = isObject(req.body) ? req.body : {};
    if (username !== config.username || password !== config.password) {
      state.reject('credentials');
      reply(res, '-1', 'Sai tên đăng nhập hoặc mật khẩu');
      return;
    }
    reply(res, 0, 'Thành công', { session: state.openSession(ctx.now(), config.sessionTtlMs) });
  });

  const headers: RequestHandler = (req, res, next) => {
    if (req.get('dstcode') !== config.dstcode) {
      state.reject('dstcode');
      res.status(400).json({ error_code: '1', message: 'Header dstcode thiếu hoặc không đúng' });
    } else if (!req.is('application/json')) {
      state.reject('content_type');
      res.status(400).json({ error_code: '1', message: 'Content-Type phải là application/json' });
    } else next();
  };
  const session: RequestHandler = (req, res, next) => {
    if (!isObject(req.body)) {
      state.reject('bad_request');
      reply(res, '1', 'Yêu cầu phải là một đối tượng JSON');
    } else if (!state.sessionValid(req.body.session, ctx.now())) {
      state.reject('session');
      reply(res, '-2', 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn');
    } else next();
  };
  router.post('/service', ctx.gate, headers, json, session, ctx.dice, (req, res) => serve(ctx, req, res));
  return router;
}

function serve(ctx: SimContext, req: Request, res: Response): void {
  const { state } = ctx;
  const envelope = req.body as Record<string, unknown>;
  const service = typeof envelope.service === 'string' ? envelope.service : '';
  state.count(service);
  if (typeof envelope.madonvi !== 'string' || !AGENCY_CODE.test(envelope.madonvi)) {
    state.reject('madonvi');
    reply(res, '1', 'madonvi không hợp lệ: 1 đến 35 ký tự 0-9, A-Z và dấu chấm');
    return;
  }
  switch (service) {
    case DVCQG_SERVICES.lookup:
      return lookup(ctx, envelope.mahoso, res);
    case DVCQG_SERVICES.sync:
      return sync(ctx, envelope, res);
    case DVCQG_SERVICES.progress:
      return progress(ctx, envelope.data, res);
    default:
      state.reject('unknown_service');
      reply(res, '1', `Dịch vụ không hỗ trợ: ${service}`);
  }
}

function lookup(ctx: SimContext, mahoso: unknown, res: Response): void {
  if (typeof mahoso !== 'string' || mahoso === '') {
    ctx.state.reject('bad_request');
    reply(res, '1', 'Thiếu tham số mahoso');
    return;
  }
  const stored = ctx.state.dossiers.get(mahoso);
  const last = stored?.syncs[stored.syncs.length - 1];
  const result: DvcqgLookupItem[] =
    stored && last
      ? [{ MaHoSo: mahoso, TrangThaiHoSo: last.status, NgayCapNhat: formatDvcqgTime(last.at) }]
      : [];
  reply(res, 0, 'Thành công', { result });
}

function sync(ctx: SimContext, envelope: Record<string, unknown>, res: Response): void {
  const { state } = ctx;
  // OCPS sends the C# booleans' text; "true" or a JSON boolean is a different client, refused.
  if (envelope.isUpdating !== 'True' && envelope.isUpdating !== 'False') {
    state.reject('bad_request');
    reply(res, '1', 'isUpdating phải là "True" hoặc "False"');
    return;
  }
  const outcome = syncDossiers(state, {
    items: envelope.data,
    isUpdating: envelope.isUpdating === 'True',
    label: 'data',
    knownProcedures: ctx.config.knownProcedures,
    alreadyExists: alreadyExistsRolled(res),
    at: ctx.now(),
  });
  switch (outcome.kind) {
    case 'invalid':
      state.reject('invalid');
      return reply(res, '1', `Dữ liệu không hợp lệ: ${outcome.problems.join('; ')}`);
    case 'exists':
      if (!outcome.injected) state.reject('already_exists');
      return reply(res, '-3', `Hồ sơ ${outcome.code} đã tồn tại`);
    case 'unknown':
      state.reject('not_found');
      return reply(res, '-4', `Hồ sơ ${outcome.code} không tồn tại`);
    case 'ok':
      return reply(res, 0, 'Đồng bộ thành công');
  }
}

function progress(ctx: SimContext, data: unknown, res: Response): void {
  const outcome = appendProgress(ctx.state, data, 'data');
  switch (outcome.kind) {
    case 'invalid':
      ctx.state.reject('invalid');
      return reply(res, '1', `Dữ liệu không hợp lệ: ${outcome.problems.join('; ')}`);
    case 'not_synced':
      ctx.state.reject('not_synced');
      return reply(res, '2', `Hồ sơ ${outcome.code} chưa được đồng bộ`);
    case 'ok':
      return reply(res, 0, 'Cập nhật tiến độ thành công');
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
