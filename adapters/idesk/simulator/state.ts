import { randomUUID } from 'node:crypto';
import type { VxpAckStatus, VxpAgency, VxpMessageType, VxpReceivedItem } from '../wire';

/** A system connected to the axis: its `systemid`, its active HMAC secrets, the agencies it serves. */
export interface VxpSimSystem {
  systemId: string;
  secrets: string[];
  agencies: string[];
}

/** One package as the axis stored it (the sender's DocId). */
export interface StoredPackage {
  docId: string;
  /** Sender agency code. */
  from: string;
  /** Sending system, or `_sim` for a package planted through `/_sim/inject`. */
  senderSystem: string;
  messagetype: VxpMessageType;
  bytes: Buffer;
  to: string[];
  created: number;
}

/**
 * One recipient's copy: its own DocId, as the axis' `getSentEdocList` (senderDocId / receiverDocId)
 * suggests it assigns one per receiver (inference). `pending` until the receiver acknowledges.
 */
export interface Delivery {
  docId: string;
  packageId: string;
  to: string;
  status: 'pending' | VxpAckStatus;
  created: number;
  updated: number;
}

export interface Acknowledgement {
  docId: string;
  agency: string;
  systemId: string;
  status: VxpAckStatus;
  at: number;
}

const ICT_OFFSET_MS = 7 * 3600 * 1000;

/** `yyyy-MM-dd HH:mm:ss` in Vietnam time (the real list's time format is unknown [U]). */
function listTime(ms: number): string {
  return new Date(ms + ICT_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

const STATUS_DESC: Record<Delivery['status'], string> = {
  pending: 'Chờ nhận',
  processing: 'Đang xử lý',
  done: 'Đã nhận',
  fail: 'Nhận lỗi',
};

/** What the simulated axis holds: the registry (systems, agencies) and the packages in flight. */
export class VxpSimulatorState {
  readonly packages = new Map<string, StoredPackage>();
  readonly deliveries = new Map<string, Delivery>();
  readonly acknowledgements: Acknowledgement[] = [];
  readonly faulted = { outage: 0, error: 0, abandoned: 0 };
  private readonly systems: Map<string, VxpSimSystem>;
  private readonly agencyOwner = new Map<string, string>();

  constructor(
    systems: VxpSimSystem[],
    readonly agencies: VxpAgency[],
    private readonly now: () => number,
  ) {
    this.systems = new Map(systems.map((s) => [s.systemId, s]));
    for (const s of systems) for (const code of s.agencies) this.agencyOwner.set(code, s.systemId);
  }

  /** The active secrets of a system; none for an unknown one. */
  readonly secretsFor = (systemId: string): readonly string[] => this.systems.get(systemId)?.secrets ?? [];

  ownsAgency(systemId: string, agency: string): boolean {
    return this.agencyOwner.get(agency) === systemId;
  }

  knowsAgency(code: string): boolean {
    return this.agencyOwner.has(code) || this.agencies.some((a) => a.code === code);
  }

  /** Stores a package and one delivery per recipient; returns the sender's DocId. */
  store(input: Omit<StoredPackage, 'docId' | 'created'>): StoredPackage {
    const created = this.now();
    const pkg: StoredPackage = { ...input, docId: randomUUID(), created };
    this.packages.set(pkg.docId, pkg);
    for (const to of new Set(input.to)) {
      const docId = randomUUID();
      this.deliveries.set(docId, {
        docId,
        packageId: pkg.docId,
        to,
        status: 'pending',
        created,
        updated: created,
      });
    }
    return pkg;
  }

  /** What `getReceivedEdocList` lists for a system: its agencies' deliveries not yet acknowledged done or fail. */
  waitingFor(systemId: string, messagetype: VxpMessageType): VxpReceivedItem[] {
    return [...this.deliveries.values()]
      .filter((d) => (d.status === 'pending' || d.status === 'processing') && this.ownsAgency(systemId, d.to))
      .map((d) => ({ d, pkg: this.packages.get(d.packageId) as StoredPackage }))
      .filter(({ pkg }) => pkg.messagetype === messagetype)
      .map(({ d, pkg }) => ({
        docId: d.docId,
        serviceType: 'eDoc',
        messageType: pkg.messagetype,
        created_time: listTime(d.created),
        updated_time: listTime(d.updated),
        from: pkg.from,
        to: d.to,
        status: d.status,
        status_desc: STATUS_DESC[d.status],
      }));
  }

  /** A delivery addressed to one of the system's agencies, with its package. */
  deliveryFor(systemId: string, docId: string): { delivery: Delivery; pkg: StoredPackage } | undefined {
    const delivery = this.deliveries.get(docId);
    if (!delivery || !this.ownsAgency(systemId, delivery.to)) return undefined;
    return { delivery, pkg: this.packages.get(delivery.packageId) as StoredPackage };
  }

  acknowledge(systemId: string, delivery: Delivery, status: VxpAckStatus): void {
    delivery.status = status;
    delivery.updated = this.now();
    this.acknowledgements.push({
      docId: delivery.docId,
      agency: delivery.to,
      systemId,
      status,
      at: delivery.updated,
    });
  }

  /** One agency's view for the control routes: what it sent, what it was sent, and its acknowledgements. */
  agencyView(code: string) {
    const describe = (p: StoredPackage) => ({
      docId: p.docId,
      from: p.from,
      to: p.to,
      messagetype: p.messagetype,
      senderSystem: p.senderSystem,
      bytes: p.bytes.length,
      created: new Date(p.created).toISOString(),
    });
    return {
      code,
      system: this.agencyOwner.get(code) ?? null,
      sent: [...this.packages.values()].filter((p) => p.from === code).map(describe),
      received: [...this.deliveries.values()]
        .filter((d) => d.to === code)
        .map((d) => ({
          ...d,
          created: new Date(d.created).toISOString(),
          updated: new Date(d.updated).toISOString(),
          package: describe(this.packages.get(d.packageId) as StoredPackage),
        })),
      acknowledgements: this.acknowledgements
        .filter((a) => a.agency === code)
        .map((a) => ({ ...a, at: new Date(a.at).toISOString() })),
    };
  }

  summary() {
    const byStatus: Record<string, number> = {};
    for (const d of this.deliveries.values()) byStatus[d.status] = (byStatus[d.status] ?? 0) + 1;
    return {
      systems: [...this.systems.values()].map((s) => ({ systemId: s.systemId, agencies: s.agencies })),
      packages: this.packages.size,
      deliveries: byStatus,
      acknowledgements: this.acknowledgements.length,
      faulted: { ...this.faulted },
    };
  }

  reset(): void {
    this.packages.clear();
    this.deliveries.clear();
    this.acknowledgements.length = 0;
    Object.assign(this.faulted, { outage: 0, error: 0, abandoned: 0 });
  }
}
