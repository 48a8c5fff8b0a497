import { createSubscriptionMatcher, matchesEventType } from './subscribe';

describe('subscription patterns', () => {
  it.each([
    ['vn.lienthong.dossier.status_changed', 'vn.lienthong.dossier.status_changed', true],
    ['vn.lienthong.dossier.status_changed', 'vn.lienthong.dossier.status_changedX', false],
    ['vn.lienthong.dossier.status_changed', 'vnXlienthong.dossier.status_changed', false],
    ['vn.lienthong.*.created', 'vn.lienthong.dossier.created', true],
    ['vn.lienthong.*.created', 'vn.lienthong.payment.ipn.created', false],
    ['vn.lienthong.dossier.status*', 'vn.lienthong.dossier.status_changed', true],
    ['vn.lienthong.dossier.status*', 'vn.lienthong.dossier.status.changed', false],
    ['vn.lienthong.dossier.*', 'vn.lienthong.dossier.created', true],
    ['vn.lienthong.dossier.*', 'vn.lienthong.dossier.result.returned', true],
    ['vn.lienthong.dossier.*', 'vn.lienthong.dossier', false],
    ['vn.lienthong.dossier.*', 'vn.lienthong.payment.paid', false],
    ['vn.lienthong.*.*', 'vn.lienthong.payment.ipn.received', true],
    ['vn.lienthong.**.received', 'vn.lienthong.payment.ipn.received', true],
    ['vn.lienthong.**.received', 'vn.lienthong.payment.ipn.sent', false],
    ['**', 'anything.at.all', true],
    ['*', 'anything.at.all', true],
    ['Vn.lienthong.dossier.*', 'vn.lienthong.dossier.created', false],
    ['vn.lienthong.(dossier)+', 'vn.lienthong.dossierdossier', false],
    ['', 'vn.lienthong.dossier.created', false],
  ])('%s vs %s → %s', (pattern, type, expected) => {
    expect(matchesEventType(pattern, type)).toBe(expected);
  });

  it('matches any of several patterns and nothing for an empty list', () => {
    const matcher = createSubscriptionMatcher(['vn.lienthong.dossier.created', 'vn.lienthong.payment.*']);
    expect(matcher('vn.lienthong.dossier.created')).toBe(true);
    expect(matcher('vn.lienthong.payment.paid')).toBe(true);
    expect(matcher('vn.lienthong.dossier.status_changed')).toBe(false);
    expect(createSubscriptionMatcher([])('vn.lienthong.dossier.created')).toBe(false);
  });
});
