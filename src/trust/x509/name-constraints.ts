import type { Certificate } from './cert';
import type { GName } from './general-names';
import { EMAIL_ADDRESS_OID, withinDnSubtree } from './names';

function hostOfUri(uri: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(uri);
  return m?.[1].toLowerCase();
}

function domainMatch(host: string, constraint: string): boolean {
  const h = host.toLowerCase();
  const c = constraint.toLowerCase();
  if (c === '') return true;
  if (c.startsWith('.')) return h.endsWith(c);
  return h === c || h.endsWith('.' + c);
}

function emailMatch(addr: string, constraint: string): boolean {
  const at = addr.lastIndexOf('@');
  const host = addr.slice(at + 1).toLowerCase();
  const c = constraint.toLowerCase();
  if (c.includes('@'))
    return (
      addr.slice(0, at) === constraint.slice(0, constraint.lastIndexOf('@')) &&
      host === c.slice(c.lastIndexOf('@') + 1)
    );
  if (c.startsWith('.')) return host.endsWith(c);
  return host === c;
}

/** Whether `name` falls inside the subtree `base` of the same kind (RFC 5280 §4.2.1.10). */
function within(name: GName, base: GName): boolean {
  if (name.kind !== base.kind) return false;
  if (name.kind === 'dn' && base.kind === 'dn') return withinDnSubtree(name.rdns, base.rdns);
  if (name.kind === 'dn' || base.kind === 'dn') return false;
  switch (name.kind) {
    case 'email':
      return emailMatch(name.value, base.value);
    case 'dns':
      // A constraint "host.example" admits the host and its subdomains, not "otherhost.example".
      return domainMatch(name.value, base.value);
    case 'uri': {
      const host = hostOfUri(name.value);
      if (host === undefined) return false;
      return base.value.startsWith('.')
        ? host.endsWith(base.value.toLowerCase())
        : host === base.value.toLowerCase();
    }
    default:
      return name.value === base.value;
  }
}

/**
 * Permitted and excluded subtrees accumulated down the path (RFC 5280 §6.1.3 b-c, §6.1.4 g). Permitted
 * subtrees are kept as one set per certificate: a name must be inside every set that constrains its
 * kind, which is the intersection the RFC asks for without computing it.
 */
export class NameConstraintState {
  private readonly permitted: GName[][] = [];
  private readonly excluded: GName[] = [];

  private allowed(name: GName): boolean {
    if (this.excluded.some((b) => within(name, b))) return false;
    return this.permitted.every((set) => {
      const sameKind = set.filter((b) => b.kind === name.kind);
      return sameKind.length === 0 || sameKind.some((b) => within(name, b));
    });
  }

  /** Checks the subject and subjectAltName of `cert`; returns the offending name or undefined. */
  check(cert: Certificate): string | undefined {
    const names: GName[] = [];
    if (cert.subjectName.length > 0) names.push({ kind: 'dn', rdns: cert.subjectName });
    for (const rdn of cert.subjectName) {
      for (const ava of rdn) {
        if (ava.type === EMAIL_ADDRESS_OID && ava.text) names.push({ kind: 'email', value: ava.text });
      }
    }
    names.push(...(cert.ext.subjectAltName ?? []));
    const bad = names.find((n) => !this.allowed(n));
    if (!bad) return undefined;
    return bad.kind === 'dn' ? `subject ${cert.subject}` : `${bad.kind} name ${bad.value}`;
  }

  /** Adds the nameConstraints of a CA certificate. */
  add(cert: Certificate): void {
    const nc = cert.ext.nameConstraints;
    if (!nc) return;
    if (nc.permitted?.length) this.permitted.push(nc.permitted);
    if (nc.excluded) this.excluded.push(...nc.excluded);
  }
}
