// Workflow ids shared by the API, the domain (which reports them) and the workflows. Pure, so the
// workflow bundle may include it.

/** The one tenure workflow of a customer; starting a second one is refused by Temporal. */
export const workflowIdFor = (customerId: string) => `customer-${customerId}`;
