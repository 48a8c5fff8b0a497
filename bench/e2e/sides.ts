import { startIgateSimulator } from '../../adapters/igate/simulator';
import { onCleanup } from './cleanup';
import { ALLOW_NO_BASELINE, NODE_RED_DIR, OPERATOR_KEY } from './config';
import { startGateway } from './gateway';
import type { Side } from './measure';
import { installNodeRed, startNodeRed } from './node-red';
import { startRecordedPortal } from './portal';
import type { RecordedPortal } from './portal';

export interface Sides {
  ours: Side;
  /** Node-RED; undefined only when it could not be installed and BENCH_ALLOW_NO_BASELINE=1. */
  peer?: Side;
  nodeRedVersion?: string;
}

async function portal(): Promise<RecordedPortal> {
  const started = await startRecordedPortal();
  onCleanup(() => started.close());
  return started;
}

/** Starts both sides, each with its own portal; all of it is stopped at cleanup. */
export async function startSides(): Promise<Sides> {
  // The baseline first: without it there is nothing to compare with, and no reason to start the rest.
  const install = await installNodeRed();
  if ('error' in install) {
    if (!ALLOW_NO_BASELINE)
      throw new Error(`no Node-RED baseline (BENCH_ALLOW_NO_BASELINE=1 runs without): ${install.error}`);
    console.log(`Node-RED unavailable, its side is skipped (BENCH_ALLOW_NO_BASELINE=1): ${install.error}`);
  }
  const igate = await startIgateSimulator();
  onCleanup(() => igate.close());
  const oursPortal = await portal();
  const gateway = await startGateway(igate.url, oursPortal.url);
  const ours: Side = {
    pushUrl: `${gateway.url}/inbound/igate/dossiers`,
    headers: { 'x-api-key': OPERATOR_KEY },
    portal: oursPortal,
    pid: gateway.pid,
  };
  if ('error' in install) return { ours };
  const peerPortal = await portal();
  const nodeRed = await startNodeRed(install.red, peerPortal.url);
  console.log(`node-red ${install.version} from ${NODE_RED_DIR}`);
  return {
    ours,
    peer: { pushUrl: `${nodeRed.url}/igate`, headers: {}, portal: peerPortal, pid: nodeRed.pid },
    nodeRedVersion: install.version,
  };
}
