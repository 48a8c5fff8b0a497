import type { OutboundMessage } from '../../../src/adapter/contract';
import dossierCreated from './dossier-created-event.json';
import resultReturned from './result-returned-event.json';
import statusChanged from './status-changed-event.json';

/**
 * Scenario-named canonical CloudEvents envelopes (one dossier's life: created, taken into processing,
 * result returned), shared by the client tests, the contract suite and the simulator tests, so that all
 * of them see the same payloads. `fixtures.test.ts` keeps them valid against the canonical schema.
 */
export const WEBHOOK_EVENTS = {
  'dossier-created': dossierCreated,
  'status-changed': statusChanged,
  'result-returned': resultReturned,
} as const;

export type WebhookScenario = keyof typeof WEBHOOK_EVENTS;

/** An outbox message carrying one scenario's envelope; `seq` follows the scenario's place in the dossier's life. */
export function fixtureMessage(
  scenario: WebhookScenario,
  overrides: Partial<OutboundMessage> = {},
): OutboundMessage {
  const event = WEBHOOK_EVENTS[scenario];
  const seq = Object.keys(WEBHOOK_EVENTS).indexOf(scenario) + 1;
  return {
    messageId: `msg-${event.id}`,
    dossierCode: event.subject,
    target: 'webhook',
    seq,
    eventType: event.type,
    payload: structuredClone(event),
    attempt: 1,
    ...overrides,
  };
}

/** Every scenario as an outbox message, keyed by scenario name. */
export function webhookFixtures(): Record<WebhookScenario, OutboundMessage> {
  return {
    'dossier-created': fixtureMessage('dossier-created'),
    'status-changed': fixtureMessage('status-changed'),
    'result-returned': fixtureMessage('result-returned'),
  };
}

/** A message for any dossier and position, built from the status-changed envelope (for ordering tests). */
export function messageFor(
  dossierCode: string,
  seq: number,
  overrides: Partial<OutboundMessage> = {},
): OutboundMessage {
  const base = structuredClone(WEBHOOK_EVENTS['status-changed']);
  const payload = {
    ...base,
    id: `evt-${dossierCode}-${seq}`,
    subject: dossierCode,
    data: { ...base.data, dossier: { ...base.data.dossier, code: dossierCode, version: seq + 1 } },
  };
  return {
    messageId: `msg-${dossierCode}-${seq}`,
    dossierCode,
    target: 'webhook',
    seq,
    eventType: payload.type,
    payload,
    attempt: 1,
    ...overrides,
  };
}
