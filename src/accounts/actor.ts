/** Who a command acts for: a signed-in person (checked against the role rules) or the system itself (the CLI, the demo seeder). */
import { authorize, type Action, type OwnedResource, type PolicyUser, type StoryResource } from './policies.js';

/** The operator at a terminal or a job the server runs: trusted by definition, since it already holds the database. */
export interface SystemActor {
  kind: 'system';
  /** What is acting, for logs: "cli", "demo seed". */
  name: string;
}

export type Actor = PolicyUser | SystemActor;

export const systemActor = (name: string): SystemActor => ({ kind: 'system', name });

export function isSystemActor(actor: Actor | null | undefined): actor is SystemActor {
  return !!actor && 'kind' in actor && actor.kind === 'system';
}

/** The person behind an actor, or null for the system. */
export function personOf(actor: Actor): PolicyUser | null {
  return isSystemActor(actor) ? null : actor;
}

/** Refuses (unauthenticated or forbidden) unless the actor may do this; the system may do anything. */
export function permit(actor: Actor | null | undefined, action: Action, resource?: StoryResource | OwnedResource): void {
  if (isSystemActor(actor)) return;
  authorize(actor, action, resource);
}
