import { createSubscriptionMatcher, matchesEventType } from './subscribe';

describe('subscription patterns', () => {
  it.each([
    ['vn.lienthong.dossier.status.changed', 'vn.lienthong.dossier.status.changed', true],
    ['vn.lienthong.dossier.status.changed', 'vn.lienthong.dossier.status.changedX', false],
    ['vn.lienthong.dossier.status.changed', 'vnXlienthong.dossier.status.changed', false],
    ['vn.lienthong.dossier.*.changed', 'vn.lienthong.dossier.status.changed', true],
    ['vn.lienthong.dossier.*.changed', 'vn.lienthong.dossier.a.b.changed', false],
    ['vn.lienthong.dossier.status*', 'vn.lienthong.dossier.statusChanged', true],
    ['vn.lienthong.dossier.status*', 'vn.lienthong.dossier.status.changed', false],
    ['vn.lienthong.dossier.*', 'vn.lienthong.dossier.received', true],
    ['vn.lienthong.dossier.*', 'vn.lienthong.dossier.status.changed', true],
    ['vn.lienthong.dossier.*', 'vn.lienthong.dossier', false],
    ['vn.lienthong.dossier.*', 'vn.lienthong.payment.paid', false],
    ['vn.lienthong.*.*', 'vn.lienthong.dossier.status.changed', true],
    ['vn.lienthong.**.returned', 'vn.lienthong.dossier.result.returned', true],
    ['vn.lienthong.**.returned', 'vn.lienthong.dossier.result.sent', false],
    ['**', 'anything.at.all', true],
    ['*', 'anything.at.all', true],
    ['Vn.lienthong.dossier.*', 'vn.lienthong.dossier.received', false],
    ['vn.lienthong.(dossier)+', 'vn.lienthong.dossierdossier', false],
    ['', 'vn.lienthong.dossier.received', false],
  ])('%s vs %s → %s', (pattern, type, expected) => {
    expect(matchesEventType(pattern, type)).toBe(expected);
  });

  it('matches any of several patterns and nothing for an empty list', () => {
    const matcher = createSubscriptionMatcher(['vn.lienthong.dossier.received', 'vn.lienthong.payment.*']);
    expect(matcher('vn.lienthong.dossier.received')).toBe(true);
    expect(matcher('vn.lienthong.payment.paid')).toBe(true);
    expect(matcher('vn.lienthong.dossier.status.changed')).toBe(false);
    expect(createSubscriptionMatcher([])('vn.lienthong.dossier.received')).toBe(false);
  });
});
