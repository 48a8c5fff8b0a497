import express from 'express';
import type { Response } from 'express';
import { alreadyExistsRolled, reply } from './context';
import type { SimContext } from './context';
import { appendProgress, syncDossiers } from './operations';
import type { SyncOutcome } from './operations';

/** TD sends progress in chunks of 10 (spec §1.1); a bigger chunk is refused outright. */
export const GEN2_PROGRESS_CHUNK = 10;

/**
 * Generation 2, the TD style (spec §1.1): bare JSON arrays, no login (the provincial LGSP in front
 * authenticates), `error_code` as strings. Progress answers are plain text, judged by the client on the
 * substring "thành công", and are HTTP 200 even when they say "Lỗi".
 */
export function gen2Routes(ctx: SimContext): express.Router {
  const { state } = ctx;
  const json = express.json({ limit: ctx.config.bodyLimit });
  const router = express.Router();
  const sync = (items: unknown, isUpdating: boolean, res: Response): SyncOutcome =>
    syncDossiers(state, {
      items,
      isUpdating,
      label: '',
      knownProcedures: ctx.config.knownProcedures,
      alreadyExists: alreadyExistsRolled(res),
      at: ctx.now(),
    });

  router.post('/v2/hoso/them-moi', ctx.gate, json, ctx.dice, (req, res) => {
    state.count('v2/hoso/them-moi');
    const outcome = sync(req.body, false, res);
    if (outcome.kind === 'exists') {
      if (!outcome.injected) state.reject('already_exists');
      reply(res, '-3', 'Hồ sơ đã tồn tại');
    } else answer(ctx, res, outcome, 'Thêm mới thành công');
  });

  router.post('/v2/hoso/cap-nhat', ctx.gate, json, ctx.dice, (req, res) => {
    state.count('v2/hoso/cap-nhat');
    answer(ctx, res, sync(req.body, true, res), 'Cập nhật thành công');
  });

  router.post('/v2/hoso/tien-do', ctx.gate, json, ctx.dice, (req, res) => {
    state.count('v2/hoso/tien-do');
    const text = (status: number, body: string): void => {
      res.status(status).type('text/plain; charset=utf-8').send(body);
    };
    if (Array.isArray(req.body) && req.body.length > GEN2_PROGRESS_CHUNK) {
      state.reject('too_many');
      text(400, `Lỗi: tối đa ${GEN2_PROGRESS_CHUNK} tiến độ mỗi lần, nhận ${req.body.length}`);
      return;
    }
    const outcome = appendProgress(state, req.body, '');
    if (outcome.kind === 'invalid') {
      state.reject('invalid');
      text(200, `Lỗi: Dữ liệu không hợp lệ: ${outcome.problems.join('; ')}`);
    } else if (outcome.kind === 'not_synced') {
      state.reject('not_synced');
      text(200, `Lỗi: Hồ sơ ${outcome.code} chưa được đồng bộ`);
    } else text(200, 'Đồng bộ tiến độ thành công');
  });
  return router;
}

function answer(ctx: SimContext, res: Response, outcome: SyncOutcome, success: string): void {
  switch (outcome.kind) {
    case 'invalid':
      ctx.state.reject('invalid');
      return reply(res, '1', `Dữ liệu không hợp lệ: ${outcome.problems.join('; ')}`);
    case 'exists':
      // Only creates meet an existing dossier, and them-moi words that answer itself.
      return reply(res, '-3', `Hồ sơ ${outcome.code} đã tồn tại`);
    case 'unknown':
      ctx.state.reject('not_found');
      return reply(res, '-4', `Hồ sơ ${outcome.code} không tồn tại`);
    case 'ok':
      return reply(res, '0', success);
  }
}
