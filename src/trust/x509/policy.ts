import type { Certificate } from './cert';

/** The special policy OID that matches every policy (RFC 5280 §4.2.1.4). */
export const ANY_POLICY = '2.5.29.32.0';

/**
 * The policy a leaf stands for in the anchor's domain: its ancestor just below the anyPolicy chain from
 * the root (the RFC's valid_policy_node_set). Mappings rename expected policies further down, so this,
 * not the leaf's own policy, is the user-constrained-policy-set that PKITS states.
 */
function domainPolicy(leaf: PolicyNode): string {
  let node = leaf;
  while (node.parent && node.parent.policy !== ANY_POLICY) node = node.parent;
  return node.policy;
}

interface PolicyNode {
  policy: string;
  expected: Set<string>;
  parent?: PolicyNode;
  children: PolicyNode[];
}

/** Policy inputs of RFC 5280 §6.1.1 (c, e, f, g). */
export interface PolicySettings {
  /** user-initial-policy-set; default [anyPolicy]. */
  initialPolicySet?: string[];
  initialExplicitPolicy?: boolean;
  initialPolicyMappingInhibit?: boolean;
  initialAnyPolicyInhibit?: boolean;
}

/**
 * The valid_policy_tree and its three counters, advanced one certificate at a time (RFC 5280 §6.1.3 d-f,
 * §6.1.4 a-b and h-j, §6.1.5). Every method that can fail returns a reason text, undefined on success.
 */
export class PolicyState {
  /** levels[d] holds the nodes at depth d; an empty tree is `null`. */
  private levels: PolicyNode[][] | null;
  private explicitPolicy: number;
  private policyMapping: number;
  private inhibitAnyPolicy: number;

  constructor(
    private readonly n: number,
    private readonly settings: PolicySettings,
  ) {
    const root: PolicyNode = { policy: ANY_POLICY, expected: new Set([ANY_POLICY]), children: [] };
    this.levels = [[root]];
    this.explicitPolicy = settings.initialExplicitPolicy ? 0 : n + 1;
    this.policyMapping = settings.initialPolicyMappingInhibit ? 0 : n + 1;
    this.inhibitAnyPolicy = settings.initialAnyPolicyInhibit ? 0 : n + 1;
  }

  private add(parent: PolicyNode, policy: string, expected: Set<string>, depth: number): void {
    const node: PolicyNode = { policy, expected, parent, children: [] };
    parent.children.push(node);
    (this.levels![depth] ??= []).push(node);
  }

  private remove(node: PolicyNode, depth: number): void {
    this.levels![depth] = this.levels![depth].filter((x) => x !== node);
    if (node.parent) node.parent.children = node.parent.children.filter((x) => x !== node);
  }

  /** Deletes childless nodes above `depth`, bottom up; an emptied root empties the tree. */
  private prune(depth: number): void {
    if (!this.levels) return;
    for (let d = depth - 1; d >= 0; d--) {
      for (const node of [...(this.levels[d] ?? [])]) if (node.children.length === 0) this.remove(node, d);
    }
    if (this.levels[0].length === 0) this.levels = null;
  }

  /** §6.1.3 (d)-(f) for the certificate at depth `i` (1-based, anchor excluded). */
  processCertificate(cert: Certificate, i: number): string | undefined {
    const policies = cert.ext.certificatePolicies;
    if (policies && this.levels) {
      const prev = this.levels[i - 1] ?? [];
      this.levels[i] = [];
      for (const p of policies) {
        if (p === ANY_POLICY) continue;
        const matches = prev.filter((node) => node.expected.has(p));
        const parents = matches.length ? matches : prev.filter((node) => node.policy === ANY_POLICY);
        for (const parent of parents) this.add(parent, p, new Set([p]), i);
      }
      const selfIssuedCa = i < this.n && cert.isSelfIssued;
      if (policies.includes(ANY_POLICY) && (this.inhibitAnyPolicy > 0 || selfIssuedCa)) {
        for (const parent of prev) {
          for (const p of parent.expected) {
            if (!parent.children.some((c) => c.policy === p)) this.add(parent, p, new Set([p]), i);
          }
        }
      }
      this.prune(i);
    } else if (!policies) this.levels = null;
    if (this.explicitPolicy <= 0 && !this.levels)
      return 'no valid policy for the path (explicit policy required)';
    return undefined;
  }

  /** §6.1.4 (a), (b), (h)-(j): mappings and counters, before the certificate at depth `i + 1`. */
  prepareNext(cert: Certificate, i: number): string | undefined {
    const mappings = cert.ext.policyMappings;
    if (mappings) {
      if (mappings.some((m) => m.issuer === ANY_POLICY || m.subject === ANY_POLICY)) {
        return 'policy mapping to or from anyPolicy';
      }
      this.applyMappings(mappings, i);
    }
    if (!cert.isSelfIssued) {
      if (this.explicitPolicy > 0) this.explicitPolicy--;
      if (this.policyMapping > 0) this.policyMapping--;
      if (this.inhibitAnyPolicy > 0) this.inhibitAnyPolicy--;
    }
    const pc = cert.ext.policyConstraints;
    if (pc?.requireExplicitPolicy !== undefined) {
      this.explicitPolicy = Math.min(this.explicitPolicy, pc.requireExplicitPolicy);
    }
    if (pc?.inhibitPolicyMapping !== undefined) {
      this.policyMapping = Math.min(this.policyMapping, pc.inhibitPolicyMapping);
    }
    const iap = cert.ext.inhibitAnyPolicy;
    if (iap !== undefined) this.inhibitAnyPolicy = Math.min(this.inhibitAnyPolicy, iap);
    return undefined;
  }

  private applyMappings(mappings: { issuer: string; subject: string }[], i: number): void {
    if (!this.levels) return;
    const issuerPolicies = [...new Set(mappings.map((m) => m.issuer))];
    for (const idp of issuerPolicies) {
      const targets = new Set(mappings.filter((m) => m.issuer === idp).map((m) => m.subject));
      const level = this.levels[i] ?? [];
      const nodes = level.filter((node) => node.policy === idp);
      if (this.policyMapping > 0) {
        for (const node of nodes) node.expected = targets;
        const any = level.find((node) => node.policy === ANY_POLICY);
        if (nodes.length === 0 && any?.parent) this.add(any.parent, idp, targets, i);
      } else {
        for (const node of nodes) this.remove(node, i);
        this.prune(i);
        if (!this.levels) return;
      }
    }
  }

  /**
   * §6.1.5 (a), (b), (g): final counters and the intersection with the user-initial-policy-set.
   * Returns the user-constrained policy set, or a reason text when the path fails on policy.
   */
  finish(leaf: Certificate): { policies: string[] } | { error: string } {
    if (this.explicitPolicy > 0) this.explicitPolicy--;
    if (leaf.ext.policyConstraints?.requireExplicitPolicy === 0) this.explicitPolicy = 0;
    const initial = this.settings.initialPolicySet ?? [ANY_POLICY];
    if (this.levels && !initial.includes(ANY_POLICY)) this.intersect(new Set(initial));
    const leaves = this.levels?.[this.n] ?? [];
    const policies = [...new Set(leaves.map(domainPolicy))];
    if (this.explicitPolicy <= 0 && policies.length === 0) {
      return { error: 'no acceptable policy for the path (explicit policy required)' };
    }
    return { policies };
  }

  private intersect(initial: Set<string>): void {
    const levels = this.levels!;
    const all = levels.flatMap((lvl, d) => lvl.map((node) => ({ node, d })));
    const nodeSet = all.filter(({ node }) => node.parent?.policy === ANY_POLICY);
    for (const { node, d } of nodeSet) {
      if (node.policy !== ANY_POLICY && !initial.has(node.policy)) this.removeSubtree(node, d);
    }
    const anyLeaf = (levels[this.n] ?? []).find((node) => node.policy === ANY_POLICY);
    if (anyLeaf?.parent) {
      const present = new Set(nodeSet.map(({ node }) => node.policy));
      for (const p of initial) if (!present.has(p)) this.add(anyLeaf.parent, p, new Set([p]), this.n);
      this.remove(anyLeaf, this.n);
    }
    this.prune(this.n);
  }

  private removeSubtree(node: PolicyNode, d: number): void {
    for (const c of [...node.children]) this.removeSubtree(c, d + 1);
    this.remove(node, d);
  }
}
