/** The policy's answer as a command refusal: the same words the policy gives, as a CommandError. */
import type { PolicyUser, StoryResource } from '../../accounts/policies.js';
import { authorize, can, type Action } from '../../accounts/policies.js';
import { forbidden } from '../../errors.js';

export function permit(user: PolicyUser, action: Action, resource?: StoryResource): void {
  if (can(user, action, resource)) return;
  try {
    authorize(user, action, resource);
  } catch (err) {
    throw forbidden(err instanceof Error ? err.message : undefined);
  }
  throw forbidden();
}
