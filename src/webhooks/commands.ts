/** Commands for webhook endpoints (admins): add one, remove one, send a failed delivery again. */
import { permit, personOf, type Actor } from '../accounts/actor.js';
import type { AppContext } from '../context.js';
import { conflict, notFound } from '../errors.js';
import { outboundPolicy } from '../net/outbound.js';
import { createWebhook, deleteWebhook, findWebhook, retryDelivery } from './store.js';

/**
 * Command: add an endpoint and return its signing secret, shown once. The address is checked (including where it
 * resolves) before the single insert, so no transaction waits on the network.
 */
export async function addWebhookEndpoint(ctx: AppContext, actor: Actor, input: { url: string; events: string[]; description: string }): Promise<{ id: number; secret: string }> {
  permit(actor, 'webhook.manage');
  const added = await createWebhook(ctx.store.db, outboundPolicy(ctx.config), { ...input, createdBy: personOf(actor)?.id ?? null });
  ctx.events.emit('newsroom.changed', { what: 'webhooks', kind: 'added', endpointId: added.id });
  return added;
}

/** Command: remove an endpoint and its delivery log. */
export async function removeWebhookEndpoint(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  permit(actor, 'webhook.manage');
  await ctx.store.db.transaction().execute(async (trx) => {
    if (!(await findWebhook(trx, id))) throw notFound('That webhook');
    await deleteWebhook(trx, id);
  });
  ctx.events.emit('newsroom.changed', { what: 'webhooks', kind: 'deleted', endpointId: id });
}

/** Command: send a failed delivery again from its first attempt; refused (conflict) for one that did not fail. */
export async function retryWebhookDelivery(ctx: AppContext, actor: Actor, webhookId: number, deliveryId: number): Promise<void> {
  permit(actor, 'webhook.manage');
  const retried = await ctx.store.db.transaction().execute((trx) => retryDelivery(trx, webhookId, deliveryId));
  if (!retried) throw conflict('Only a delivery that failed can be sent again.');
  ctx.events.emit('newsroom.changed', { what: 'webhooks', kind: 'retried', endpointId: webhookId });
}
