/**
 * Which CloudEvents types a target receives (`systems.<name>.subscribe`). Types are dot-separated
 * (`vn.lienthong.dossier.status_changed`) and compared case-sensitively, as CloudEvents requires.
 *
 * Pattern syntax:
 * - `*` matches any run of characters within one dot segment (`vn.lienthong.*.created`, `status*`);
 * - `**` matches anything, dots included (`vn.lienthong.**.received`);
 * - a trailing `.*` matches one or more whole segments below the prefix (`vn.lienthong.dossier.*`
 *   covers `vn.lienthong.dossier.status_changed` and any deeper type), because "everything under this
 *   prefix" is what people mean;
 * - `*` or `**` alone matches every type.
 */
export type SubscriptionMatcher = (eventType: string) => boolean;

/** Turns one pattern into an anchored regular expression. */
export function subscriptionPattern(pattern: string): RegExp {
  if (pattern === '*' || pattern === '**') return /^[\s\S]*$/;
  let body = pattern;
  let tail = '';
  if (body.endsWith('.*')) {
    body = body.slice(0, -2);
    tail = '\\..+';
  }
  const source = body
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((literal) => literal.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^.]*'),
    )
    .join('.*');
  return new RegExp(`^${source}${tail}$`);
}

/** Whether `eventType` matches one pattern. Prefer {@link createSubscriptionMatcher} on hot paths. */
export function matchesEventType(pattern: string, eventType: string): boolean {
  return subscriptionPattern(pattern).test(eventType);
}

/** Compiles a target's patterns once; an empty list subscribes to nothing. */
export function createSubscriptionMatcher(patterns: readonly string[]): SubscriptionMatcher {
  const compiled = patterns.map(subscriptionPattern);
  return (eventType) => compiled.some((re) => re.test(eventType));
}
