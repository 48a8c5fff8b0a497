import type { Request, RequestHandler, Response } from 'express';

/** What a route handler produces; sending it is the edge's job, so it can also be stored and replayed. */
export interface Reply {
  status: number;
  body: unknown;
  /** True when the service answered from an earlier request with the same Idempotency-Key. */
  replayed?: boolean;
}

export type ReplyHandler = (req: Request, res: Response) => Promise<Reply>;

export function ok(body: unknown, status = 200): Reply {
  return { status, body };
}

/** Adapts a ReplyHandler to express; rejections reach the error middleware (express 5 forwards them). */
export function send(handler: ReplyHandler): RequestHandler {
  return async (req, res) => {
    const reply = await handler(req, res);
    res.status(reply.status).json(reply.body);
  };
}
