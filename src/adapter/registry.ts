import { dvcqgAdapterFactory } from '../../adapters/dvcqg';
import { ideskAdapterFactory } from '../../adapters/idesk';
import { igateAdapterFactory } from '../../adapters/igate';
import { webhookAdapterFactory } from '../../adapters/webhook';
import { LtError } from '../errors';
import type { AdapterFactory } from './contract';

/**
 * Every adapter the gateway knows, by the name used under `systems.<name>` in the configuration.
 * Explicit on purpose: no scanning of folders, so what can run is visible here and in a code review.
 * Later: payment, vnpost.
 */
// Each factory has its own config type; callers hand them the validated `systems.<name>` block as a record.
export const ADAPTER_FACTORIES: ReadonlyMap<string, AdapterFactory> = new Map<string, AdapterFactory>(
  (
    [
      webhookAdapterFactory,
      igateAdapterFactory,
      dvcqgAdapterFactory,
      ideskAdapterFactory,
    ] as unknown as AdapterFactory[]
  ).map((factory) => [factory.name, factory]),
);

/** The factory for `systems.<name>`; throws LT_CONFIG_UNKNOWN_SYSTEM naming the known ones. */
export function getAdapterFactory(name: string): AdapterFactory {
  const factory = ADAPTER_FACTORIES.get(name);
  if (factory === undefined) {
    const known = [...ADAPTER_FACTORIES.keys()].join(', ');
    throw new LtError(
      'LT_CONFIG_UNKNOWN_SYSTEM',
      'validation',
      `systems.${name}: no adapter named "${name}"; known: ${known}`,
      {
        details: { system: name, known: [...ADAPTER_FACTORIES.keys()] },
      },
    );
  }
  return factory;
}
