/** The small schemas every part of the contract (contract.ts and its *.contract.ts parts) shares. */
import { z } from 'zod';

export const Id = z.number().int().positive();
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
export const Empty = z.object({}).strict();

export const InvoiceStatusSchema = z.enum(['draft', 'queued', 'in_flight', 'registered', 'cancelled', 'rejected']);
export const DocTypeSchema = z.enum(['INV', 'CRN', 'DBN']);

export const ViolationSchema = z.object({ code: z.string(), path: z.string(), message: z.string() });

/** The invoice list's filters: what the list shows, and so what an export of "what the list shows" covers. */
export const ListFiltersSchema = z.object({
  businessId: Id.optional(),
  status: z.array(InvoiceStatusSchema).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  buyer: z.string().max(100).optional(),
  search: z.string().max(100).optional(),
});
