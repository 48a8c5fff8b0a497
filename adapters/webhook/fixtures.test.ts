import { validateEvent } from '../../src/model';
import { WEBHOOK_EVENTS, messageFor, webhookFixtures } from './__fixtures__';

// The fixtures stand for what the gateway really sends, so they must be canonical events.
describe('webhook fixtures', () => {
  it.each(Object.entries(WEBHOOK_EVENTS))('%s is a valid canonical event', (_name, event) => {
    expect(() => validateEvent(structuredClone(event))).not.toThrow();
  });

  it('build outbox messages that agree with their envelopes', () => {
    for (const message of [...Object.values(webhookFixtures()), messageFor('000.00.53.H48-250701-0042', 3)]) {
      const event = validateEvent(message.payload);
      expect({ dossier: message.dossierCode, type: message.eventType }).toEqual({
        dossier: event.subject,
        type: event.type,
      });
    }
  });
});
