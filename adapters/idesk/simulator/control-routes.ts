import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { LtError } from '../../../src/errors';
import { faultRoutes } from '../../../src/simulator/control';
import { VXP_MESSAGE_TYPES } from '../wire';
import type { VxpMessageType } from '../wire';
import type { VxpFaults } from './faults';
import { intake, VxpBusinessError } from './intake';
import type { VxpSimulatorState } from './state';

export interface ControlContext {
  state: VxpSimulatorState;
  setFaults(faults: VxpFaults): VxpFaults;
  faults(): VxpFaults;
  bodyLimit: string;
}

const query = (req: Request, name: string): string | undefined => {
  const v = req.query[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/**
 * The sandbox's own routes, outside the axis' API: no signature, no faults, `{code, detail}` errors.
 * `GET /_sim/state`, `GET /_sim/agencies/:code` (sent, received and acknowledgements of one agency),
 * `GET /_sim/packages/:docId` (the stored bytes of a package, by sender or receiver DocId), and
 * `POST /_sim/inject?to=a,b&from=x&messagetype=edoc` with the raw package as body: stored as if another
 * system had sent it (end-to-end tests plant hostile packages this way); without `to` or `from`, they are
 * read from the edXML header like a `sendEdoc` without `to`.
 */
export function controlRoutes(ctx: ControlContext): express.Router {
  const { state } = ctx;
  const router = express.Router();
  router.get('/_sim/state', (_req, res) => {
    res.json({ ...state.summary(), faults: ctx.faults() });
  });
  router.get('/_sim/agencies/:code', (req, res) => {
    res.json(state.agencyView(req.params.code));
  });
  router.get('/_sim/packages/:docId', (req, res) => {
    const pkg =
      state.packages.get(req.params.docId) ??
      state.packages.get(state.deliveries.get(req.params.docId)?.packageId ?? '');
    if (!pkg) throw new LtError('LT_VXP_SIM_NOT_FOUND', 'not_found', `no package ${req.params.docId}`);
    res.type('application/octet-stream').send(pkg.bytes);
  });
  router.post('/_sim/inject', express.raw({ type: () => true, limit: ctx.bodyLimit }), (req, res) => {
    const messagetype = query(req, 'messagetype') ?? 'edoc';
    if (!VXP_MESSAGE_TYPES.includes(messagetype as VxpMessageType))
      throw new LtError('LT_VXP_SIM_INJECT', 'validation', 'messagetype: edoc or status');
    const to = query(req, 'to')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const pkg = intake(state, {
      bytes,
      from: query(req, 'from'),
      to,
      messagetype: messagetype as VxpMessageType,
      senderSystem: '_sim',
    });
    const deliveries = [...state.deliveries.values()]
      .filter((d) => d.packageId === pkg.docId)
      .map((d) => ({ docId: d.docId, to: d.to }));
    res.json({ docId: pkg.docId, deliveries });
  });
  router.use(faultRoutes(ctx, { bodyLimit: ctx.bodyLimit }));
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    if (err instanceof VxpBusinessError) {
      res.status(400).json({ code: 'LT_VXP_SIM_INJECT', detail: err.message });
      return;
    }
    if (err instanceof LtError) {
      res.status(err.httpStatus).json({ code: err.code, detail: err.detail });
      return;
    }
    next(err);
  });
  return router;
}
