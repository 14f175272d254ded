// The columns of a customer created from a create body (by hand or from an import row): in a pool,
// unowned, graded as given until the grading rules decide.
import type { CreateCustomerBody } from '../../schemas/customers.js';

export function newPoolCustomer(body: CreateCustomerBody, at: { id: string; poolId: string; createdBy: string; now: Date }) {
  return {
    id: at.id,
    company_name: body.companyName,
    contact_name: body.contactName ?? null,
    email: body.email ?? null,
    phone: body.phone ?? null,
    website: body.website ?? null,
    country: body.country ?? null,
    region: body.region ?? null,
    source: body.source ?? null,
    product_line: body.productLine ?? null,
    language: body.language ?? null,
    pool_id: at.poolId,
    status: 'pool' as const,
    stage: null,
    owner_id: null,
    grade: body.grade ?? null,
    rep_grade: body.grade ?? null,
    expected_close_days: null,
    previous_owner_id: null,
    created_by: at.createdBy,
    created_at: at.now,
    updated_at: at.now,
  };
}
