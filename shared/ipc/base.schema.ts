/** The small schemas every part of the contract (contract.ts and its *.contract.ts parts) shares. */
import { z } from 'zod';

export const Id = z.number().int().positive();
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
export const Empty = z.object({}).strict();

export const InvoiceStatusSchema = z.enum(['draft', 'queued', 'in_flight', 'registered', 'cancelled', 'rejected']);
export const DocTypeSchema = z.enum(['INV', 'CRN', 'DBN']);

export const ViolationSchema = z.object({ code: z.string(), path: z.string(), message: z.string() });
