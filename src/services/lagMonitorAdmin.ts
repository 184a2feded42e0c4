/**
 * The lag monitor's own admin client for one cluster. kafkajs remembers every topic an admin was
 * asked about; keeping that list away from the shared client keeps the rest of the extension safe
 * from topics deleted meanwhile. Made by the pool, which also closes it when the connection is
 * disposed; kept across a Refresh while the connection is unchanged, remade when the pool replaced
 * it (its settings changed). No vscode import.
 */
import type { Admin } from 'kafkajs';
import type { Backend } from './backend';

type KafkaCluster = Awaited<ReturnType<Backend['kafka']>>;

export class MonitorAdmin {
  /** `closed`: the pool closed it (the connection's settings changed): make a new one. */
  private held: { owner: KafkaCluster; client: Promise<Admin>; closed: boolean } | undefined;
  /** How many of its admin clients the pool closed so far (a refresh that saw one close reads again). */
  closures = 0;

  constructor(private readonly kafka: () => Promise<KafkaCluster>) {}

  async get(): Promise<Admin> {
    const k = await this.kafka();
    const held = this.held;
    if (held && (held.closed || held.owner.pool !== k.pool || held.owner.spec.id !== k.spec.id)) await this.drop();
    if (!this.held) {
      const state = { closed: false };
      const pending = k.pool.createAdmin(k.spec, () => {
        state.closed = true;
        this.closures += 1;
      });
      this.held = Object.assign(state, { owner: k, client: pending });
      pending.catch(() => {
        if (this.held?.client === pending) this.held = undefined;
      });
    }
    return this.held.client;
  }

  /** Releases the client to the pool (unless the pool closed it already). */
  async drop(): Promise<void> {
    const held = this.held;
    this.held = undefined;
    const client = await held?.client.catch(() => undefined);
    if (held && client && !held.closed) await held.owner.pool.releaseAdmin(held.owner.spec.id, client);
  }
}
