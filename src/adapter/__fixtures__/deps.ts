import type { Logger } from 'pino';
import { loadMappings } from '../../mapping';
import type { MappingSet } from '../../mapping';
import { MAPPINGS_DIR } from '../../paths';
import { MemoryStateStore } from '../../store/state';
import type { AdapterDeps } from '../contract';

let shared: MappingSet | undefined;

/** Adapter dependencies for unit tests: the shipped mappings and an in-memory state store. */
export function testAdapterDeps(logger: Logger): AdapterDeps & { state: MemoryStateStore } {
  shared ??= loadMappings(MAPPINGS_DIR);
  return { logger, mappings: shared, state: new MemoryStateStore() };
}
