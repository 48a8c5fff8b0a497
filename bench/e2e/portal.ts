import express from 'express';
import { createDvcqgSimulator } from '../../adapters/dvcqg/simulator';
import type { DvcqgSimulator } from '../../adapters/dvcqg/simulator';
import { listen, simulatorApp } from '../../src/simulator/listen';
import { Receipts } from './receipts';

/** A DVCQG simulator on its own port that records when it stored each change (see {@link Receipts}). */
export interface RecordedPortal {
  url: string;
  simulator: DvcqgSimulator;
  receipts: Receipts;
  close(): Promise<void>;
}

export async function startRecordedPortal(): Promise<RecordedPortal> {
  const simulator = createDvcqgSimulator();
  const receipts = new Receipts();
  const router = express.Router();
  router.use(receipts.middleware, simulator.router);
  const server = await listen(simulatorApp(router), 0, '127.0.0.1');
  return {
    url: server.url,
    simulator,
    receipts,
    async close() {
      simulator.close();
      await server.close();
    },
  };
}
