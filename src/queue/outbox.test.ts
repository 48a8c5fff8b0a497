import { messageIdFor } from './outbox';

describe('messageIdFor', () => {
  it('is stable for an (event, target) pair and differs across targets', () => {
    const a = messageIdFor('5f0c6c2e-0000-4000-8000-000000000001', 'dvcqg');
    expect(messageIdFor('5f0c6c2e-0000-4000-8000-000000000001', 'dvcqg')).toBe(a);
    expect(messageIdFor('5f0c6c2e-0000-4000-8000-000000000001', 'igate')).not.toBe(a);
  });

  it('is shaped like an RFC 4122 version-5 UUID', () => {
    expect(messageIdFor('e', 't')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
