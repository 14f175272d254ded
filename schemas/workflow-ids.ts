// Workflow ids shared by the API, the domain (which reports them) and the workflows. Pure, so the
// workflow bundle may include it.

/** The one tenure workflow of a customer; starting a second one is refused by Temporal. */
export const workflowIdFor = (customerId: string) => `customer-${customerId}`;

/** A handover or bulk-move job's workflow. */
export const handoverWorkflowId = (jobId: string) => `handover-${jobId}`;

/** An import job's workflow. */
export const importWorkflowId = (jobId: string) => `import-${jobId}`;
