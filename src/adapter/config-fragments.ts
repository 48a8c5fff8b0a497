/**
 * JSON Schema of a poller's `poll` block, as polling adapters share it: `enabled`, `intervalMs` and
 * `timeoutMs` (floors of 100 ms, so a typo cannot make a poller hammer its source), plus the adapter's own
 * keys in `extra`. Unknown keys are refused, so a misspelt option is caught by `lienthong config check`.
 */
export function pollSchema(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      enabled: { type: 'boolean' },
      intervalMs: { type: 'integer', minimum: 100 },
      timeoutMs: { type: 'integer', minimum: 100 },
      ...extra,
    },
  };
}
