import type { RequestHandler, Response } from 'express';
import type { DvcqgSimulatorState } from './state';

/** What the route builders of both API generations share; built once by `createDvcqgSimulator`. */
export interface SimContext {
  config: {
    username: string;
    password: string;
    dstcode: string;
    sessionTtlMs: number;
    knownProcedures: ReadonlySet<string>;
    bodyLimit: string;
  };
  state: DvcqgSimulatorState;
  /** The clock (epoch ms) of sessions, sync times and outage windows. */
  now(): number;
  /** Middleware of every portal request: waits `latencyMs`, then answers 503 during an outage. */
  gate: RequestHandler;
  /**
   * Middleware of every authenticated request: rolls the dice, answers a transport failure, or leaves
   * `res.locals.alreadyExists` for creates.
   */
  dice: RequestHandler;
}

/** A JSON answer, always HTTP 200 as the portal does: the verdict is in `error_code`. */
export function reply(
  res: Response,
  errorCode: number | string,
  message: string,
  extra: Record<string, unknown> = {},
): void {
  res.status(200).json({ error_code: errorCode, message, ...extra });
}

/** Whether the dice of this request said "already exists" (see `SimContext.dice`). */
export function alreadyExistsRolled(res: Response): boolean {
  return res.locals.alreadyExists === true;
}
