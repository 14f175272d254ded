// The workflow bundle's entry: every workflow type the worker registers.
export { customerLifecycle } from './customer-lifecycle.js';
export { reclaimPolicyRollout } from './policy-rollout.js';
export { webhookDelivery } from './webhook-delivery.js';
export { tenureReconciler } from './reconciler.js';
export { robotChannel } from './robot-channel.js';
export { handoverJob } from './handover.js';
export { importJob } from './import.js';
